/** What one scan covers on GitHub: which commits to compare and which commit carries the check run. */
export interface Scope {
  /** The check run's name (the App tells its push and pull request runs apart by it). */
  name: string;
  /** The commit the check run is attached to. */
  headSha: string;
  /** Compare base (a commit or a branch name); null when there is none (first push of the default branch). */
  base: string | null;
  head: string;
  /** One line for the summary, e.g. "push to main". */
  label: string;
}
