/** The contents endpoint of the fake GitHub API: files (base64 or raw), directories, symlinks, submodules. */
import type { Ctx, Reply } from './fake-github-routes.js';

export const NOT_FOUND: Reply = { status: 404, json: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };

/** GitHub wraps base64 content at 60 characters; clients must cope (Buffer.from(x, 'base64') does). */
export function base64Lines(data: Buffer): string {
  return (data.toString('base64').match(/.{1,60}/g) ?? []).map((l) => `${l}\n`).join('');
}

export async function contents(ctx: Ctx, path: string): Promise<Reply> {
  const r = ctx.repo!;
  const refName = ctx.query.get('ref') ?? r.defaultBranch;
  const ref = await r.git.resolve(refName);
  if (!ref) return { status: 404, json: { message: `No commit found for the ref ${refName}` } };
  const entry = await r.git.entry(ref, path);
  if (!entry) return NOT_FOUND;
  const api = `${ctx.api}/repos/${r.owner}/${r.name}`;
  const describe = (p: string, type: string, sha: string, size: number) => ({
    type, name: p.split('/').pop() ?? p, path: p, sha, size,
    url: `${api}/contents/${p}?ref=${refName}`, git_url: `${api}/git/${type === 'dir' ? 'trees' : 'blobs'}/${sha}`,
    html_url: `${ctx.web}/${r.owner}/${r.name}/blob/${refName}/${p}`, download_url: type === 'file' ? `${ctx.web}/${r.owner}/${r.name}/raw/${refName}/${p}` : null,
  });
  if (entry.type === 'tree') {
    // A directory answers with a JSON list even in raw mode: Probot's config plugin relies on that content type.
    const list = await r.git.listTree(entry.sha);
    const prefix = path.replace(/^\/+|\/+$/g, '');
    return { status: 200, json: list.map((e) => describe(prefix ? `${prefix}/${e.name}` : e.name, e.type === 'tree' ? 'dir' : e.type === 'commit' ? 'submodule' : 'file', e.sha, e.size)) };
  }
  if (entry.type !== 'blob') return { status: 200, json: describe(path, 'submodule', entry.sha, 0) };
  const data = (await r.git.blob(entry.sha)) ?? Buffer.alloc(0);
  if (ctx.accept.includes('raw')) return { status: 200, raw: data, contentType: 'text/plain; charset=utf-8' };
  if (entry.mode === '120000') return { status: 200, json: { ...describe(path, 'symlink', entry.sha, data.length), target: data.toString('utf8') } };
  return { status: 200, json: { ...describe(path, 'file', entry.sha, data.length), content: base64Lines(data), encoding: 'base64' } };
}
