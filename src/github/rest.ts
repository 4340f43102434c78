/**
 * The part of an Octokit client the GitHub modules use: its `rest` methods. Probot's client and the Action's plain
 * `@octokit/core` client both have it (same plugin version), so the App and the Action share this code.
 */
import type { Api } from '@octokit/plugin-rest-endpoint-methods';

export type GitHubRest = Api;

export interface RepoRef {
  owner: string;
  repo: string;
}
