/**
 * Webhook deliveries as GitHub sends them: real example payloads (from @octokit/webhooks-examples when it
 * is installed) patched to point at the test's repository and commits, signed with HMAC-SHA256, POSTed over HTTP.
 */
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';

export type Payload = Record<string, unknown> & { action?: string };

/** `sha256=<hex>`, the X-Hub-Signature-256 value GitHub computes over the exact body bytes. */
export function signWebhook(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface WebhookDelivery {
  event: string;
  id: string;
  payload: unknown;
  secret: string;
  /** Replace the computed signature (a wrong one), or `null` to send none: both must be rejected. */
  signature?: string | null;
}

/** POSTs one delivery with GitHub's headers; resolves with the receiver's answer. */
export async function sendWebhook(url: string, delivery: WebhookDelivery): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(delivery.payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'GitHub-Hookshot/fake',
    'x-github-event': delivery.event,
    'x-github-delivery': delivery.id,
    'x-github-hook-id': '1',
  };
  const signature = delivery.signature === undefined ? signWebhook(delivery.secret, body) : delivery.signature;
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, body: await res.text() };
}

interface ExampleDefinition {
  name: string;
  examples: Payload[];
}

/** The package's examples, or undefined when it is not installed (the hand-built payloads then stand in). */
function loadExamples(): ExampleDefinition[] | undefined {
  try {
    // Its entry point is a JSON file: require() loads it without import attributes, and a missing package is a catch.
    const require = createRequire(import.meta.url);
    const name = '@octokit/webhooks-examples';
    return require(name) as ExampleDefinition[];
  } catch {
    return undefined;
  }
}

/**
 * A real payload for `event` (and `action`), deep-copied. For `push` the first example of a plain branch push
 * (not a deletion, not a tag) is chosen, since that is the case an app handles. Falls back to minimalPayload().
 */
export function examplePayload(event: string, action?: string): Payload {
  const definition = loadExamples()?.find((d) => d.name === event);
  const found = definition?.examples.find((p) =>
    (action === undefined || p.action === action) &&
    (event !== 'push' || (p.deleted === false && String(p.ref).startsWith('refs/heads/'))));
  return found ? structuredClone(found) : minimalPayload(event, action);
}

const repository = (): Record<string, unknown> => ({
  id: 1, node_id: 'R_1', name: 'repo', full_name: 'owner/repo', private: false, default_branch: 'main',
  owner: { login: 'owner', id: 1, type: 'Organization' },
});

/** Hand-built payloads with the fields apps read, for when the examples package is absent. */
export function minimalPayload(event: string, action?: string): Payload {
  const base: Payload = { repository: repository(), sender: { login: 'octocat', id: 2, type: 'User' } };
  if (action !== undefined) base.action = action;
  const commit = { sha: '0'.repeat(40), ref: 'main', repo: repository() };
  switch (event) {
    case 'push':
      return {
        ...base, ref: 'refs/heads/main', before: '0'.repeat(40), after: '0'.repeat(40), created: false, deleted: false,
        forced: false, base_ref: null, compare: '', commits: [], head_commit: { id: '0'.repeat(40) }, pusher: { name: 'octocat' },
      };
    case 'pull_request':
      return {
        ...base, number: 1,
        pull_request: { number: 1, state: 'open', head: { ...commit, ref: 'feature' }, base: commit },
      };
    case 'check_run':
      return {
        ...base,
        check_run: { id: 1, name: 'sondier', head_sha: commit.sha, status: 'completed', conclusion: 'success',
          check_suite: { id: 1, head_sha: commit.sha, head_branch: 'main' }, pull_requests: [], app: { id: 1 } },
      };
    case 'check_suite':
      return {
        ...base,
        check_suite: { id: 1, head_sha: commit.sha, head_branch: 'main', before: commit.sha, after: commit.sha, pull_requests: [], app: { id: 1 } },
      };
    default:
      return base;
  }
}

export interface PayloadPatch {
  owner: string;
  name: string;
  installationId?: number;
  defaultBranch?: string;
  /** push: before/after/ref (`created`/`deleted` follow all-zero SHAs); check_suite: before/after. */
  before?: string;
  after?: string;
  ref?: string;
  /** push: the pushed commits, oldest first (the last one becomes head_commit). */
  commits?: Array<{ id: string; message?: string }>;
  pull?: { number: number; base: { sha: string; ref: string }; head: { sha: string; ref: string } };
  /** check_run / check_suite head SHA; defaults to `after`. */
  headSha?: string;
}

/** A copy of `payload` pointing at the test's repository, installation and commits. */
export function patchPayload(payload: Payload, patch: PayloadPatch): Payload {
  const p = structuredClone(payload) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- payload shapes vary per event
  const repo = {
    ...(p.repository ?? {}), name: patch.name, full_name: `${patch.owner}/${patch.name}`,
    owner: { ...(p.repository?.owner ?? {}), login: patch.owner, name: patch.owner },
    default_branch: patch.defaultBranch ?? p.repository?.default_branch ?? 'main', private: false,
  };
  p.repository = repo;
  if (p.organization) p.organization = { ...p.organization, login: patch.owner };
  if (patch.installationId !== undefined) p.installation = { id: patch.installationId, node_id: `I_${patch.installationId}` };
  const zero = (sha: string): boolean => /^0+$/.test(sha);
  if (patch.before !== undefined) {
    p.before = patch.before;
    if ('created' in p) p.created = zero(patch.before);
  }
  if (patch.after !== undefined) {
    p.after = patch.after;
    if ('deleted' in p) p.deleted = zero(patch.after);
    if (p.head_commit) p.head_commit = zero(patch.after) ? null : { ...p.head_commit, id: patch.after };
  }
  if (patch.ref !== undefined) p.ref = patch.ref;
  if (patch.commits) {
    const template = (p.commits?.[0] ?? {}) as Record<string, unknown>;
    p.commits = patch.commits.map((c) => ({ ...template, id: c.id, message: c.message ?? 'commit', added: [], removed: [], modified: [] }));
    const last = p.commits.at(-1);
    if (last) p.head_commit = last;
  }
  if (patch.pull && p.pull_request) {
    p.number = patch.pull.number;
    p.pull_request.number = patch.pull.number;
    p.pull_request.base = { ...p.pull_request.base, ...patch.pull.base, repo };
    p.pull_request.head = { ...p.pull_request.head, ...patch.pull.head, repo };
  }
  const headSha = patch.headSha ?? patch.after;
  for (const key of ['check_run', 'check_suite'] as const) {
    const obj = p[key];
    if (!obj || headSha === undefined) continue;
    obj.head_sha = headSha;
    if (key === 'check_suite') Object.assign(obj, { before: patch.before ?? obj.before, after: headSha });
    if (obj.check_suite) obj.check_suite.head_sha = headSha;
  }
  return p;
}
