/**
 * What the App tells observers (metrics, the public stats page): deliveries received and scans completed, as counts
 * and durations only — never a value, a path or a masked form. Observers must not throw: a failing one is skipped.
 */
import type { Severity } from '../core/types.js';

export interface ScanObservation {
  /** This scan's identity (a digest of the repository and check run): a store counts each scan once. */
  id?: string;
  /** `owner/name`; observers must not publish it for a private repository. */
  repository: string;
  privateRepository: boolean;
  /** The check run's name: push or pull request scope. */
  run: string;
  conclusion: 'success' | 'failure' | 'neutral';
  durationMs: number;
  files: number;
  findings: number;
  byDetector: Record<string, number>;
  bySeverity: Record<Severity, number>;
  /** When it completed (ms since the epoch). */
  at: number;
}

export interface AppObserver {
  delivery?(event: string): void;
  scanned?(observation: ScanObservation): void;
}

export class AppEvents {
  private readonly observers: AppObserver[] = [];

  add(observer: AppObserver): () => void {
    this.observers.push(observer);
    return () => void this.observers.splice(this.observers.indexOf(observer), 1);
  }

  delivery(event: string): void {
    for (const o of this.observers) safely(() => o.delivery?.(event));
  }

  scanned(observation: ScanObservation): void {
    for (const o of this.observers) safely(() => o.scanned?.(observation));
  }
}

function safely(call: () => void): void {
  try {
    call();
  } catch {
    // An observer's failure must never fail a scan or a webhook.
  }
}

/** The process's event bus: the App, its jobs and its observers share it. */
export const appEvents = new AppEvents();
