import { describe, expect, it } from 'vitest';
import {
  email,
  FILE_EXTENSIONS,
  PLACEHOLDER_LOCAL_PARTS,
  RESERVED_TLDS,
  ROLE_LOCAL_PARTS,
} from '../../detectors/email.js';
import { checkDetector } from '../../src/core/detector.js';
import { MAX_CANDIDATE_BYTES } from '../../src/core/matcher.js';
import { useRegexEngine } from '../../src/core/regex-engine.js';
import { scanText } from '../../src/core/scan-text.js';
import { ENGINES, testDetector, type FlaggedCase } from '../helpers/detector-tester.js';

const flagged: (string | FlaggedCase)[] = [
  // Plain, mailto: links (with a query) and `Name <addr>`.
  { code: 'jean.dupont@orange.fr', masked: 'j•••@orange.fr', column: 1 },
  { code: '<a href="mailto:jean.dupont@orange.fr">écrire</a>', masked: 'j•••@orange.fr', column: 17 },
  { code: 'mailto:jean@orange.fr?subject=x', masked: 'j•••@orange.fr', column: 8 },
  { code: 'Jean Dupont <jean.dupont@laposte.net>', masked: 'j•••@laposte.net', column: 14 },
  { code: 'Author: Jean Dupont <jean.dupont@orange.fr>', column: 22 },
  { code: '[écrire](mailto:camille.roux@free.fr)', masked: 'c•••@free.fr', column: 17 },
  // Data formats and quoted strings.
  { code: '{"nom": "Curie", "email": "marie.curie@sfr.fr"}', masked: 'm•••@sfr.fr', column: 28 },
  '42;Durand;Paul;paul.durand@free.fr;Paris',
  "INSERT INTO clients (nom, courriel) VALUES ('Martin', 'lea.martin@wanadoo.fr');",
  '  email: sophie_bernard@gmail.com',
  '<td>claire.petit@yahoo.fr</td>',
  { code: 'const to = "luc+factures@outlook.fr";', masked: 'l•••@outlook.fr', column: 13 },
  { code: "Écrivez à hélène → helene.faure@orange.fr", column: 20 },
  // Shapes of the address itself.
  { code: 'Jean.Dupont@Mail.Orange.FR', masked: 'J•••@Mail.Orange.FR' },
  { code: 'x@numericable.fr', masked: 'x•••@numericable.fr' },
  'antoine.lefevre@agence.paris',
  'm.dupont@cabinet-2-medical.fr',
  'jean--dupont_@orange.fr',
  { code: `${'a'.repeat(64)}@orange.fr`, masked: 'a•••@orange.fr', name: 'a 64-character local part' },
  { code: 'Écrivez à paul.durand@free.fr.', masked: 'p•••@free.fr' },
  { code: 'cc: a.bernard@orange.fr, c.dupuis@free.fr', count: 2 },
  // Near the exclusions, yet personal: a role word inside a longer local part, a non-`git` login, a URL query,
  // a `+` line start (a patch file), an `email:password` pair (not a path), text after a space.
  'contact.jean@orange.fr',
  'https://crm.acme.fr/clients?email=jean.dupont@orange.fr&page=2',
  { code: '+jean.dupont@orange.fr', masked: 'j•••@orange.fr', column: 2 },
  'jean.dupont@orange.fr:motdepasse',
  'jean.dupont@orange.fr (bureau)',
  'ssh jean.dupont@bastion.acme.fr', // a login named after a person: only the scp `host:path` form is excluded
];

testDetector(email, {
  flagged,
  clean: [
    // Test accounts, role boxes by first segment, placeholder and throwaway domains (seen on public repositories).
    'test@orange.fr', 'test3@gmail.com', 'fake-user@free.fr', 'qa-bot@laposte.net', 'exemple2@wanadoo.fr', 'john.doe@gmail.com',
    'accueil.dentaire@orange.fr', 'secretaire.club@gmail.com', 'mairie-lyon@wanadoo.fr', 'claire@yopmail.com', 'claire.martin@email.com',
    // Mailing lists reach a group, not a person.
    'Discuss on nodejs@googlegroups.com',
    'Send patches to webkit-dev@lists.webkit.org',
    'debian-devel@lists.debian.org',
    // Reserved names: RFC 2606 / RFC 6761 / RFC 6762 and kin.
    'jean.dupont@example.com',
    'marie@mail.example.org',
    'paul@example.net',
    'jean@acme.test',
    'jean@acme.example',
    'jean@acme.invalid',
    'jean@printer.local',
    'jean@box.localhost',
    'root@server.localdomain',
    'jean@nas.home.arpa',
    'prenom@domaine.tld',
    // Forge noreply aliases.
    '12345678+jdupont@users.noreply.github.com',
    'jdupont@users.noreply.github.com',
    // Role and placeholder addresses, also with a +tag and in capitals.
    'contact@orange.fr',
    'noreply@orange.fr',
    'No-Reply@sncf.fr',
    'do-not-reply@acme.fr',
    'ne-pas-repondre@impots.gouv.fr',
    'support+fr@acme.fr',
    'dpo@mairie-lyon.fr',
    'postmaster@orange.fr',
    'mailer-daemon@orange.fr',
    'RGPD@acme.fr',
    'prenom.nom@entreprise.fr',
    // Image density names.
    'logo@2x.png',
    'icon@3x.webp',
    'sprite@1.5x.svg',
    '<img srcset="logo.png 1x, logo@2x.png 2x">',
    // Package specifiers.
    'lodash@4.17.21',
    '@babel/core@7.1.0',
    'npm install react@18.2.0',
    'pkg@^1.2.3',
    '@scope/pkg@1.0.0',
    'npm i @scope/pkg@beta.next',
    'pkg@1.0.0-rc.next',
    'go install golang.org/x/tools/cmd/stringer@v0.1.0-beta.rc',
    // Git and SSH remotes, URL logins.
    'git@github.com:org/repo.git',
    'ssh://git@gitlab.com/org/repo.git',
    'user@host.example.org:path',
    'scp dump.sql deploy@build.acme.fr:/srv/app',
    'rsync -a jean@bastion.acme.fr:~/backups .',
    'git remote add prod deploy@build.acme.fr:acme/app.git',
    'https://jean.dupont@bitbucket.org/acme/repo.git',
    'ftp://jean:motdepasse@ftp.acme.fr/',
    // Other uses of `@` in code.
    '@app.route("/")',
    '    @pytest.mark.parametrize("x", [1, 2])',
    'user@localhost',
    '@media screen and (max-width: 600px) { }',
    '@import url("theme.css");',
    'git reflog HEAD@{1}',
    'git stash apply stash@{0}',
    'attn = q@k.transpose(-2, -1)',
    'h = x@self.proj',
    'printf("%s@gmail.com", login)',
    'LANG=sd_IN@devanagari.UTF-8',
    '--pass-arg=asyncify-imports@env.await_promise_sync',
    'Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com',
    'a@jean.dupont@orange.fr',
    // Not addresses: dot-atom violations, lengths, domains, line breaks.
    'jean..dupont@orange.fr',
    'jean.@orange.fr',
    `${'a'.repeat(65)}@orange.fr`,
    `${'a'.repeat(40)}.${'b'.repeat(25)}@orange.fr`, // 66 characters in two runs of the pattern's local part
    'jean@orange',
    'jean@orange.f',
    'jean@orange.123',
    'jean@-orange.fr',
    'jean@orange-.fr',
    'jean@orange.fr2',
    'jean.dupont@\norange.fr',
    'jean.dupont\n@orange.fr',
  ],
});

describe('email detector, specifics', () => {
  it('passes the load-time checks', () => {
    expect(() => checkDetector({ ...email })).not.toThrow();
  });

  // The generic leak check looks for digit runs; an address leaks through its local part.
  for (const engine of ENGINES) {
    it(`never serialises a flagged local part (${engine})`, () => {
      useRegexEngine(engine);
      for (const c of flagged.map((f) => (typeof f === 'string' ? { code: f } : f))) {
        const serialized = JSON.stringify(scanText(c.code, { detectors: [email] })).toLowerCase();
        for (const [local] of c.code.matchAll(/[A-Za-z0-9][A-Za-z0-9._%+-]*(?=@)/g)) {
          if (local.length > 1) expect(serialized, c.code).not.toContain(local.toLowerCase());
        }
      }
    });
  }

  it('masks as first character, •••, then the domain', () => {
    expect(email.mask('jean.dupont@orange.fr')).toBe('j•••@orange.fr');
    expect(email.mask('a@b.fr')).toBe('a•••@b.fr');
  });

  it('normalises to lowercase, as the policy allow-lists do', () => {
    expect(email.normalize('Jean.Dupont@Orange.FR')).toBe('jean.dupont@orange.fr');
  });

  it('keeps its lists lowercase and ASCII', () => {
    for (const list of [ROLE_LOCAL_PARTS, PLACEHOLDER_LOCAL_PARTS, RESERVED_TLDS, FILE_EXTENSIONS]) {
      for (const entry of list) expect(entry).toMatch(/^[a-z0-9._-]+$/);
    }
  });

  // RFC 5321 caps an address at 254 bytes: whole at that length (within the matcher's lookahead), rejected beyond.
  it('finds a 254-byte address whole and rejects a longer one', () => {
    const address = (tld: number) => `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(tld)}`;
    expect(address(61)).toHaveLength(254);
    expect(254).toBeLessThanOrEqual(MAX_CANDIDATE_BYTES);
    const longest = scanText(`to: ${address(61)}.`, { detectors: [email] }).findings;
    expect(longest.map((f) => [f.column, f.endColumn])).toEqual([[5, 259]]);
    expect(scanText(address(62), { detectors: [email] }).findings).toEqual([]);
  });
});
