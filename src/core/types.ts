/** Shared vocabulary of the core. Nothing here ever holds a raw personal value. */

export const SEVERITIES = ['error', 'warning', 'notice'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type SeveritySetting = Severity | 'off';
export type FailOn = Severity | 'never';
export const CONFIDENCES = ['high', 'medium', 'low'] as const;
/** How sure sondier is that a finding is personal data: its check's strength and its context (see confidence.ts). */
export type Confidence = (typeof CONFIDENCES)[number];

/** Higher is more severe; used to compare against `failOn`. */
export const SEVERITY_RANK: Record<Severity, number> = { notice: 1, warning: 2, error: 3 };

export interface Finding {
  detector: string;
  /** Repository-relative, forward slashes; any personal data in it masked (path-scan.ts). */
  path: string;
  /** 1-based line in the (new) file. */
  line: number;
  /** 1-based column in UTF-16 code units, as SARIF and editors count. */
  column: number;
  /** Column just past the value (exclusive, SARIF convention). */
  endColumn: number;
  severity: Severity;
  message: string;
  /** The value with most characters replaced by "•"; never the raw value. */
  masked: string;
  /** `<detector>:<hex>`: a truncated hash of the normalised value (see README, "Privacy design"). */
  fingerprint: string;
  confidence: Confidence;
  /** `scan --history`: the first commit that added the value. */
  commit?: string;
  /** Past the per-file cap of a likely export (dataset.ts): counted and listed, but not annotated one by one. */
  capped?: boolean;
  /** The value is in the file's path, which the change adds (line 1, column 1: a file-level finding). */
  inPath?: boolean;
}

/** Drops known findings after the scan (a baseline); sees every finding once, in path/line order. */
export interface FindingFilter {
  keep(finding: Finding): boolean;
}

export interface SkippedItem {
  path: string;
  reason: string;
}

export interface ScanSummary {
  files: number;
  bytes: number;
  findings: number;
  byDetector: Record<string, number>;
  bySeverity: Record<Severity, number>;
  /** Findings dropped by inline `sondier-ignore` comments or allow-lists (counts only). */
  suppressed: number;
  /** Findings dropped because a baseline already lists them. */
  baselined: number;
  byConfidence: Record<Confidence, number>;
  durationMs: number;
  skipped: SkippedItem[];
}

export interface ScanResult {
  findings: Finding[];
  summary: ScanSummary;
}

/** The column of the value's last character: GitHub annotations (check runs, workflow commands) take it inclusive. */
export function inclusiveEndColumn(f: Finding): number {
  return Math.max(f.column, f.endColumn - 1);
}

export function meetsFailLevel(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'never' && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}
