/** A reporter turns a scan result into the text of one output format. One small file per format. */
import type { ScanResult } from '../core/types.js';

export interface ReportOptions {
  /** ANSI colours (text format only; on when stdout is a terminal). */
  color: boolean;
}

export type Reporter = (result: ScanResult, options: ReportOptions) => string;
