/** The Action's GitHub client: Octokit core with the REST methods (as Probot's) and retries on transient errors. */
import { Octokit } from '@octokit/core';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { retry } from '@octokit/plugin-retry';
import { packageVersion } from '../report/package-version.js';
import type { GitHubRest } from '../github/rest.js';

const ActionOctokit = Octokit.plugin(restEndpointMethods, retry);

export function createClient(token: string, baseUrl: string): GitHubRest {
  return new ActionOctokit({
    auth: token || undefined,
    baseUrl,
    userAgent: `sondier-action/${packageVersion()}`,
    // Octokit logs request failures with their URLs; they name SHAs and paths only, never file contents.
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  });
}
