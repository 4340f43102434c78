/**
 * The bounded vocabulary that observers publish: what kind of change a scan covered and which detector found
 * something. Anything outside it collapses to a fixed word, so a metric label or a page cell can never carry a name
 * taken from a repository (cardinality stays bounded too).
 */
import { detectorIds } from '../../../detectors/index.js';
import { PULL_REQUEST_RUN } from '../scope.js';

export type ScanKind = 'push' | 'pull_request';
export const SCAN_KINDS: readonly ScanKind[] = ['push', 'pull_request'];

/** A check run's name says which scope it covered (see scope.ts). */
export function scanKind(run: string): ScanKind {
  return run === PULL_REQUEST_RUN ? 'pull_request' : 'push';
}

const KNOWN = new Set(detectorIds);

/** A built-in detector's id, or `other`. */
export function detectorKey(id: string): string {
  return KNOWN.has(id) ? id : 'other';
}

/** The built-in detectors in priority order, for stable columns. */
export const DETECTOR_KEYS: readonly string[] = [...detectorIds];

/** What each detector finds, as a reader of the public page says it. */
const NAMES: Record<string, string> = {
  nir: 'NIR (numéro de sécurité sociale)',
  iban: 'IBAN',
  email: 'Adresse électronique',
  phone: 'Numéro de téléphone',
  card: 'Numéro de carte bancaire',
  siret: 'SIRET',
  siren: 'SIREN',
  nif: 'Numéro fiscal (NIF)',
  passport: 'Numéro de passeport',
  cni: 'Numéro de carte d’identité',
  other: 'Autre',
};

/** Short column headings, where the full name would crowd a table. */
const SHORT: Record<string, string> = {
  nir: 'NIR', iban: 'IBAN', email: 'E-mail', phone: 'Téléphone', card: 'Carte bancaire', siret: 'SIRET', siren: 'SIREN',
  nif: 'NIF', passport: 'Passeport', cni: 'CNI', other: 'Autre',
};

export const detectorName = (key: string): string => NAMES[key] ?? key;
export const detectorShortName = (key: string): string => SHORT[key] ?? key;
