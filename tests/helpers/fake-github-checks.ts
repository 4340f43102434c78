/**
 * Check runs for the fake GitHub API, with the validation rules GitHub enforces (and that an app most
 * easily breaks): at most 50 annotations per request, annotations appended across updates, a conclusion
 * whenever the run is completed, columns only on single-line annotations, 65535-character output fields.
 */

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title?: string;
  raw_details?: string;
}

/** What the fake stores: the test-facing view, with every annotation and every request body received. */
export interface CheckRunRecord {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  external_id: string | null;
  details_url: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  annotations: Annotation[];
  /** The create body then each update body, in order, for assertions on batching. */
  requests: Array<Record<string, unknown>>;
}

export type Result = { status: number; json: unknown };

const STATUSES = ['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending'];
const CONCLUSIONS = ['action_required', 'cancelled', 'failure', 'neutral', 'success', 'skipped', 'stale', 'timed_out'];
const LEVELS = ['notice', 'warning', 'failure'];
const MAX_TEXT = 65535;

export function invalid(message: string): Result {
  return { status: 422, json: { message, documentation_url: 'https://docs.github.com/rest/checks/runs', status: '422' } };
}

/** The error message for a create/update body, or undefined when GitHub would accept it. */
function validate(body: Record<string, unknown>, existing?: CheckRunRecord): string | undefined {
  if (body.status !== undefined && !STATUSES.includes(String(body.status))) return `Invalid request.\n\n${String(body.status)} is not a valid status.`;
  if (body.conclusion != null && !CONCLUSIONS.includes(String(body.conclusion))) return `Invalid request.\n\n${String(body.conclusion)} is not a valid conclusion.`;
  const completing = body.status === 'completed' || body.completed_at != null;
  if (completing && body.conclusion == null && existing?.conclusion == null) return 'Invalid request.\n\nconclusion is required when status is completed.';
  const output = body.output as Record<string, unknown> | undefined;
  if (output === undefined || output === null) return undefined;
  if (typeof output.title !== 'string' || typeof output.summary !== 'string') return 'Invalid request.\n\n"title" and "summary" are required in output.';
  for (const key of ['summary', 'text'] as const) {
    const value = output[key];
    if (typeof value === 'string' && value.length > MAX_TEXT) return `Invalid request.\n\nOnly ${MAX_TEXT} characters are allowed in output.${key}; ${value.length} were supplied.`;
  }
  const annotations = output.annotations;
  if (annotations === undefined) return undefined;
  if (!Array.isArray(annotations)) return 'Invalid request.\n\nannotations must be an array.';
  if (annotations.length > 50) return 'Invalid request.\n\nOnly 50 annotations are allowed per request.';
  for (const a of annotations as Array<Record<string, unknown>>) {
    if (typeof a.path !== 'string' || !Number.isInteger(a.start_line) || !Number.isInteger(a.end_line) || typeof a.message !== 'string') {
      return 'Invalid request.\n\n"path", "start_line", "end_line", "annotation_level" and "message" are required in annotations.';
    }
    if (!LEVELS.includes(String(a.annotation_level))) return `Invalid request.\n\n${String(a.annotation_level)} is not a valid annotation_level.`;
    if ((a.start_column !== undefined || a.end_column !== undefined) && a.start_line !== a.end_line) {
      return 'Invalid request.\n\nstart_column and end_column may only be used when start_line and end_line are equal.';
    }
  }
  return undefined;
}

export class CheckRunStore {
  readonly runs: CheckRunRecord[] = [];
  private nextId = 1000;

  get(id: number): CheckRunRecord | undefined {
    return this.runs.find((r) => r.id === id);
  }

  create(body: Record<string, unknown>): Result & { run?: CheckRunRecord } {
    if (typeof body.name !== 'string' || body.name === '') return invalid('Invalid request.\n\n"name" wasn\'t supplied.');
    const error = validate(body);
    if (error) return invalid(error);
    const now = new Date().toISOString();
    const run: CheckRunRecord = {
      id: this.nextId++, name: body.name, head_sha: String(body.head_sha), status: 'queued', conclusion: null,
      started_at: typeof body.started_at === 'string' ? body.started_at : now, completed_at: null,
      external_id: typeof body.external_id === 'string' ? body.external_id : null,
      details_url: typeof body.details_url === 'string' ? body.details_url : null,
      output: { title: null, summary: null, text: null }, annotations: [], requests: [],
    };
    this.apply(run, body);
    this.runs.push(run);
    return { status: 201, json: undefined, run };
  }

  update(id: number, body: Record<string, unknown>): Result & { run?: CheckRunRecord } {
    const run = this.get(id);
    if (!run) return { status: 404, json: { message: 'Not Found' } };
    const error = validate(body, run);
    if (error) return invalid(error);
    this.apply(run, body);
    return { status: 200, json: undefined, run };
  }

  /** Merges a body into a run like GitHub: output fields replaced, annotations appended. */
  private apply(run: CheckRunRecord, body: Record<string, unknown>): void {
    run.requests.push(structuredClone(body));
    if (typeof body.name === 'string') run.name = body.name;
    for (const key of ['external_id', 'details_url', 'started_at'] as const) {
      if (typeof body[key] === 'string') run[key] = body[key];
    }
    if (typeof body.status === 'string') run.status = body.status;
    if (body.conclusion != null) {
      run.conclusion = String(body.conclusion);
      run.status = 'completed';
    }
    if (run.status === 'completed' && !run.completed_at) {
      run.completed_at = typeof body.completed_at === 'string' ? body.completed_at : new Date().toISOString();
    }
    const output = body.output as Record<string, unknown> | undefined;
    if (output) {
      run.output = {
        title: String(output.title), summary: String(output.summary),
        text: typeof output.text === 'string' ? output.text : run.output.text,
      };
      run.annotations.push(...((output.annotations as Annotation[] | undefined) ?? []));
    }
  }
}

/** The REST representation of a run (annotations are counted, and listed by their own endpoint). */
export function checkRunJson(run: CheckRunRecord, repoApi: string, htmlRepo: string): Record<string, unknown> {
  return {
    id: run.id, node_id: `CR_${run.id}`, name: run.name, head_sha: run.head_sha, status: run.status,
    conclusion: run.conclusion, started_at: run.started_at, completed_at: run.completed_at,
    external_id: run.external_id, details_url: run.details_url,
    url: `${repoApi}/check-runs/${run.id}`, html_url: `${htmlRepo}/runs/${run.id}`,
    output: { ...run.output, annotations_count: run.annotations.length, annotations_url: `${repoApi}/check-runs/${run.id}/annotations` },
    check_suite: { id: 1 }, app: { id: 1, slug: 'sondier', name: 'sondier' }, pull_requests: [],
  };
}
