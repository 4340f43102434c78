/** A progress counter on stderr, shown only on a terminal so that logs and pipes stay clean. */
export class Progress {
  private done_ = 0;
  private last = 0;
  private readonly enabled: boolean;

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly total: number,
    private readonly unit = 'files',
  ) {
    this.enabled = stream.isTTY === true && total > 20;
  }

  tick(files = 1): void {
    this.done_ += files;
    const now = Date.now();
    if (!this.enabled || now - this.last < 100) return;
    this.last = now;
    this.stream.write(`\r\x1b[2Kscanning ${this.done_}/${this.total} ${this.unit}…`);
  }

  done(): void {
    if (this.enabled) this.stream.write('\r\x1b[2K');
  }
}
