/** Seeded PRNG (mulberry32) and the word lists the corpus is made of: same seed, same bytes, on every machine. */

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Exponentially distributed with the given mean (gaps between sparse events). */
  expo(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }

  chars(n: number, alphabet: string): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(0, alphabet.length - 1)];
    return s;
  }

  hex(n: number): string {
    return this.chars(n, '0123456789abcdef');
  }

  /** Picks from [item, weight] pairs. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let x = this.next() * items.reduce((sum, [, w]) => sum + w, 0);
    for (const [item, w] of items) if ((x -= w) < 0) return item;
    return items[items.length - 1]![0];
  }
}

export const FIRST_NAMES = [
  'jean', 'marie', 'pierre', 'camille', 'lucas', 'chloe', 'hugo', 'lea', 'louis', 'manon', 'gabriel', 'ines',
  'arthur', 'sarah', 'jules', 'emma', 'nathan', 'julie', 'thomas', 'claire', 'antoine', 'sophie', 'nicolas',
  'helene', 'mathieu', 'aurelie', 'olivier', 'nathalie', 'francois', 'isabelle', 'yannick', 'margaux', 'karim',
  'fatima', 'mehdi', 'amandine', 'baptiste', 'elodie', 'romain', 'pauline', 'quentin', 'oceane', 'gael', 'morgane',
];

export const LAST_NAMES = [
  'martin', 'bernard', 'dubois', 'thomas', 'robert', 'richard', 'petit', 'durand', 'leroy', 'moreau', 'simon',
  'laurent', 'lefebvre', 'michel', 'garcia', 'david', 'bertrand', 'roux', 'vincent', 'fournier', 'morel', 'girard',
  'andre', 'mercier', 'dupont', 'lambert', 'bonnet', 'francois', 'martinez', 'legrand', 'garnier', 'faure', 'rousseau',
  'blanc', 'guerin', 'muller', 'henry', 'roussel', 'nicolas', 'perrin', 'morin', 'mathieu', 'clement', 'gauthier',
];

export const WORDS = [
  'user', 'order', 'invoice', 'payment', 'account', 'session', 'token', 'cache', 'client', 'request', 'response',
  'handler', 'service', 'repository', 'config', 'event', 'message', 'queue', 'worker', 'report', 'export', 'import',
  'ledger', 'transfer', 'contract', 'customer', 'address', 'profile', 'billing', 'refund', 'schedule', 'batch', 'job',
  'audit', 'metric', 'route', 'filter', 'mapper', 'parser', 'builder', 'store', 'index', 'record', 'entry', 'status',
  'limit', 'offset', 'page', 'cursor', 'retry', 'timeout', 'channel', 'stream', 'buffer', 'payload', 'schema',
  'migration', 'tenant', 'agency', 'branch', 'policy', 'claim', 'member', 'patient', 'appointment', 'prescription',
];

export const FR_WORDS = [
  'le', 'la', 'les', 'des', 'un', 'une', 'pour', 'avec', 'sans', 'dans', 'sur', 'par', 'est', 'sont', 'fichier',
  'dossier', 'numéro', 'adhérent', 'bénéficiaire', 'échéance', 'prélèvement', 'vérifier', 'mise', 'à', 'jour', 'données',
  'traitement', 'contrôle', 'règle', 'génération', 'relevé', 'créance', 'assuré', 'mutuelle', 'remboursement', 'délai',
  'période', 'agence', 'caisse', 'dépôt', 'retrait', 'montant', 'taux', 'référence', 'client', 'compte', 'ligne',
];

export const EN_WORDS = [
  'the', 'a', 'of', 'to', 'and', 'for', 'with', 'when', 'this', 'that', 'returns', 'checks', 'updates', 'fetches',
  'value', 'list', 'map', 'key', 'field', 'error', 'retry', 'after', 'before', 'each', 'every', 'only', 'if', 'not',
  'empty', 'valid', 'pending', 'current', 'next', 'previous', 'cached', 'remote', 'local', 'default', 'custom',
];

export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function camel(r: Rng, n = 2): string {
  const parts = Array.from({ length: n }, () => r.pick(WORDS));
  return parts[0]! + parts.slice(1).map(cap).join('');
}

export function pascal(r: Rng, n = 2): string {
  return cap(camel(r, n));
}

export function snake(r: Rng, n = 2): string {
  return Array.from({ length: n }, () => r.pick(WORDS)).join('_');
}

export function sentence(r: Rng, french = r.chance(0.4)): string {
  const words = Array.from({ length: r.int(5, 14) }, () => r.pick(french ? FR_WORDS : EN_WORDS));
  return cap(words.join(' ')) + '.';
}
