/**
 * Email address. Spec: RFC 5322 §3.4.1 addr-spec with a dot-atom local part (§3.2.3), restricted to the practical
 * ASCII set `[A-Za-z0-9._%+-]` (quoted local parts and internationalised addresses, RFC 6531, are not sought);
 * RFC 1035 §2.3.1 domain labels; RFC 5321 §4.5.3.1 lengths (local part ≤ 64, address ≤ 254). Names reserved for
 * documentation, tests or local use never reach a person: RFC 2606, RFC 6761, RFC 6762 (.local), RFC 8375 (home.arpa).
 */
import type { Detector, MatchContext } from '../src/core/detector.js';

/**
 * Local parts that name a function, not a person (RFC 2142 mailbox names and their usual French and English kin).
 * Matched on the whole local part, lowercase, after dropping a `+tag`: `support+fr@` is a role, `jean.support@` is not.
 */
export const ROLE_LOCAL_PARTS: ReadonlySet<string> = new Set([
  'noreply', 'no-reply', 'no_reply', 'no.reply', 'donotreply', 'do-not-reply', 'do_not_reply', 'do.not.reply',
  'nepasrepondre', 'ne-pas-repondre', 'ne_pas_repondre', 'ne.pas.repondre', 'mailer-daemon', 'mailerdaemon', 'daemon',
  'bounce', 'bounces', 'postmaster', 'hostmaster', 'webmaster', 'usenet', 'news', 'uucp', 'ftp', 'www', 'noc', 'abuse',
  'security', 'privacy', 'dpo', 'rgpd', 'gdpr', 'cnil', 'legal', 'juridique', 'root', 'admin', 'administrator',
  'administrateur', 'sysadmin', 'it', 'informatique', 'helpdesk', 'help', 'support', 'assistance', 'sav',
  'service-client', 'serviceclient', 'contact', 'contacts', 'info', 'infos', 'information', 'informations', 'hello',
  'bonjour', 'team', 'equipe', 'office', 'bureau', 'accueil', 'secretariat', 'direction', 'communication', 'presse',
  'press', 'media', 'medias', 'marketing', 'sales', 'commercial', 'ventes', 'billing', 'facturation', 'factures',
  'compta', 'comptabilite', 'accounting', 'invoices', 'orders', 'commandes', 'reservation', 'reservations', 'jobs',
  'careers', 'recrutement', 'rh', 'hr', 'candidatures', 'newsletter', 'notifications', 'notification', 'alerts',
  'feedback', 'mairie', 'dmarc', 'ci', 'bot',
]);

/** Local parts that stand for "your address here" in docs and forms: a template, not a person. */
export const PLACEHOLDER_LOCAL_PARTS: ReadonlySet<string> = new Set([
  'prenom.nom', 'nom.prenom', 'firstname.lastname', 'first.last', 'firstname', 'lastname', 'name', 'user', 'username',
  'someone', 'your.name', 'yourname', 'your-name', 'youremail', 'your.email', 'votre.nom', 'votre.email', 'email',
  'john.doe', 'jane.doe', 'johndoe', 'janedoe',
]);

/**
 * Role words that name a function when they are the first segment of a local part (`accueil.dentaire@`,
 * `secretaire.club@`, `mairie-lyon@`), and test-account local parts (`test`, `test3`, `fake-x`, `qa-bot`,
 * `exemple2`). Measured on public repositories: these were role boxes or test accounts every time.
 */
const ROLE_FIRST_SEGMENTS: ReadonlySet<string> = new Set([
  'accueil', 'secretariat', 'secretaire', 'mairie', 'tresorerie', 'tresorier', 'info', 'infos', 'admin',
  'support', 'equipe', 'bureau', 'direction', 'service', 'adherents', 'alumni', 'maintenance', 'communication',
  'inscription', 'inscriptions', 'reservation', 'reservations', 'recrutement', 'compta', 'comptabilite', 'facturation',
  'commercial', 'club', 'association', 'asso', 'noreply', 'no-reply', 'ne-pas-repondre', 'newsletter', 'notifications',
]);
const TEST_LOCAL_PART = /^(?:test|tests|testing|fake|qa|exemple|example|dummy|demo)(?:[0-9]*|[._+-].*)$/;

/**
 * Domains used for made-up and throwaway addresses: `email.com`-style placeholders and disposable test inboxes
 * (yopmail, mailinator), which tests and seeds use and people do not give for a lasting contact.
 */
export const PLACEHOLDER_DOMAINS: ReadonlySet<string> = new Set([
  'email.com', 'email.fr', 'mail.com', 'test.com', 'test.fr', 'exemple.fr', 'exemple.com', 'domain.com', 'domaine.fr',
  'yopmail.com', 'yopmail.fr', 'mailinator.com',
]);

/**
 * Domains (and their subdomains) that are no one's mailbox: RFC 2606 second-level names, forge noreply aliases,
 * RFC 8375 home.arpa, the namespaces of SSH algorithm names (RFC 4251 §6: `chacha20-poly1305@openssh.com`), and
 * mailing-list hosts (Google Groups; any `lists.` host, below), whose addresses reach a group, not a person.
 */
export const RESERVED_DOMAINS: readonly string[] = [
  'example.com', 'example.net', 'example.org', 'users.noreply.github.com', 'noreply.github.com',
  'users.noreply.gitlab.com', 'home.arpa', 'openssh.com', 'libssh.org', 'googlegroups.com',
];

/**
 * TLDs that cannot be a real mailbox's: RFC 2606/6761 (example, test, invalid, localhost), RFC 6762 (local), the
 * `localhost.localdomain` of /etc/hosts, ICANN's private-use `internal`, and `tld` of "domaine.tld" placeholders.
 */
export const RESERVED_TLDS: ReadonlySet<string> = new Set([
  'example', 'test', 'invalid', 'localhost', 'local', 'localdomain', 'internal', 'tld',
]);

/**
 * File extensions that end image-density names (`logo@2x.png`, `sprite@1.5x.svg`) and other file names holding an
 * `@`. Only extensions that are not delegated TLDs, except `md` (Moldova): a Moldovan address is rare in French data,
 * a Markdown file named with an `@` is not. `zip` and `mov` are real gTLDs and stay out.
 */
export const FILE_EXTENSIONS: ReadonlySet<string> = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'ico', 'bmp', 'tif', 'tiff', 'heic', 'js', 'mjs', 'cjs', 'ts',
  'mts', 'cts', 'tsx', 'jsx', 'vue', 'svelte', 'css', 'scss', 'sass', 'less', 'json', 'map', 'md', 'txt', 'html', 'htm',
  'xml', 'yml', 'yaml', 'toml', 'lock', 'log', 'pdf', 'ttf', 'otf', 'eot', 'woff', 'webm', 'wav', 'ogg',
]);

// Local part: runs of letters and digits joined by 1–3 of `._%+-` (at most 8 runs, ≤ 64 each), optionally ending in
// `_%+-`. It starts on a letter or digit, so `%s@…` and `--x@…` start no candidate. The total of 64 and the dot-atom
// rules are checked in `validate`: a total bound in the pattern gives every start a counter of its own, and RE2's
// DFA then runs about ten times slower over ordinary code (`a.b-c_d` words everywhere); per-run bounds keep it flat.
// The pattern may thus span more than MAX_CANDIDATE_BYTES (512), but `validate` caps an address at 254 bytes, so every
// accepted candidate fits the matcher's lookahead whole.
const LOCAL = '[A-Za-z0-9]{1,64}(?:[._%+-]{1,3}[A-Za-z0-9]{1,63}){0,7}[_%+-]{0,2}';
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const TLD = '[A-Za-z]{2,63}';

export const email: Detector = {
  id: 'email',
  title: 'Email address',
  description:
    'A personal email address. Reserved and documentation domains, role addresses (contact@, noreply@…), package ' +
    'specifiers, git remotes and image-density file names are not reported.',
  severity: 'warning',
  spec: 'RFC 5322 dot-atom addr-spec (practical subset); RFC 5321 lengths; RFC 2606/6761/6762 reserved names',
  pattern: `${LOCAL}@(?:${LABEL}\\.){1,6}${TLD}`,
  keywords: ['email', 'e-mail', 'mail', 'courriel', 'mél', 'mel', 'adresse mail', 'adresse électronique', 'mailto'],
  evidence: 'weak',
  // The space of addresses is vast and the mask already shows the domain: 32 bits keep a repository's addresses apart
  // without naming any. A guessed address can be confirmed against its fingerprint: inherent to any allow-list hash.
  fingerprintBits: 32,
  validate(candidate, context) {
    const at = candidate.indexOf('@');
    const local = candidate.slice(0, at).toLowerCase();
    const domain = candidate.slice(at + 1).toLowerCase();
    return (
      candidate.length <= 254 &&
      local.length <= 64 &&
      isDotAtom(local) &&
      !continuesLocalPart(context.before) &&
      !isImpersonal(local) &&
      !isReservedDomain(domain) &&
      !isNotAnAddress(local, domain, context)
    );
  },
  // Lowercase, as the policy's allow-lists compare `candidate.toLowerCase()`. (Local parts are case-sensitive in
  // theory, RFC 5321 §2.4, but no mainstream provider treats them so.)
  normalize: (candidate) => candidate.toLowerCase(),
  // First character of the local part, then `•••` whatever its length, then the domain: `j•••@orange.fr`.
  mask: (candidate) => `${candidate[0]}•••${candidate.slice(candidate.indexOf('@'))}`,
};

/** RFC 5322 dot-atom: no leading, trailing or doubled dot. */
function isDotAtom(local: string): boolean {
  return !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}

/**
 * The matcher retries after a rejected candidate, from the next delimiter: `jean@` inside `no-reply+jean@` or
 * `support+fr@`. A candidate glued to a longer local part (`x-`, `a.`, `b+`), to `%` (printf `%s@…`, percent
 * escapes) or to another `@` (`a@b@c.fr`) is a fragment of something already judged, never an address of its own.
 */
function continuesLocalPart(before: string): boolean {
  return /(?:[%@]|[A-Za-z0-9._%+-][._+-])$/.test(before);
}

function isImpersonal(local: string): boolean {
  const base = local.replace(/\+.*$/, '');
  if (ROLE_LOCAL_PARTS.has(base) || PLACEHOLDER_LOCAL_PARTS.has(base) || TEST_LOCAL_PART.test(base)) return true;
  const first = base.split(/[._-]/)[0]!;
  return base !== first && ROLE_FIRST_SEGMENTS.has(first);
}

function isReservedDomain(domain: string): boolean {
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  if (domain.startsWith('lists.') || PLACEHOLDER_DOMAINS.has(domain)) return true;
  return RESERVED_TLDS.has(tld) || RESERVED_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** Shapes that use `@` for something else than a mailbox; each test names the case it excludes. */
function isNotAnAddress(local: string, domain: string, { before, after }: MatchContext): boolean {
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  return (
    FILE_EXTENSIONS.has(tld) || // logo@2x.png, icon@3x.webp
    /^v?[0-9]+\.[0-9]+/.test(domain) || // pkg@1.0.0-rc.next, mod@v1.2.3-beta.rc: a version, not a host
    /@[A-Za-z0-9._-]+\/$/.test(before) || // @scope/pkg@tag.name: an npm scoped package specifier
    local === 'git' || // git@github.com:org/repo.git, ssh://git@gitlab.com/…: the forge's SSH account
    /^:(?:[~/]|[A-Za-z0-9._~-]*(?:\/|\.git\b))/.test(after) || // deploy@host.acme.fr:/srv, …:org/repo.git (scp)
    /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/@]*$/.test(before) || // https://jean@bitbucket.org/…: a URL login
    /^(?:self|this|cls)\./.test(domain) || // x@self.proj: Python matrix product on an attribute
    after.startsWith('(') || // q@k.transpose(-2, -1): a method call, not a domain
    /^(?:[_@]|-[A-Za-z0-9])/.test(after) // sd_IN@devanagari.UTF-8 (a locale), x@env.await_sync, a@b.c@d.fr
  );
}
