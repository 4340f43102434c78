/** Data and markup formats: SQL, JSON, YAML, CSV, Markdown, HTML, CSS and SVG (path data full of numbers). */
import type { Doc, Format } from './doc.js';
import type { Kind } from './pii.js';
import { cap, camel, FIRST_NAMES, LAST_NAMES, pascal, sentence, snake, WORDS } from './rng.js';

/** A nullable column: mostly absent, else a decoy or (rarely, per the document's gap) a real value. */
function col(d: Doc, kind: Kind, quote = "'", empty = 'NULL'): string {
  return d.r.chance(0.9) ? empty : `${quote}${d.pii(kind)}${quote}`;
}

const person = (d: Doc): string => `${cap(d.r.pick(FIRST_NAMES))} ${d.r.pick(LAST_NAMES).toUpperCase()}`;

export const sql: Format = {
  ext: 'sql',
  header(d) {
    d.line(`-- ${sentence(d.r)}\nCREATE TABLE IF NOT EXISTS ${snake(d.r)} (\n  id BIGINT PRIMARY KEY,\n  ref UUID NOT NULL,`);
    d.line(`  nom VARCHAR(120),\n  email VARCHAR(254),\n  telephone VARCHAR(20),\n  iban VARCHAR(34),\n  nir CHAR(15),\n  solde NUMERIC(12, 2),\n  created_at TIMESTAMP\n);\n`);
  },
  block(d) {
    const r = d.r;
    d.line(`INSERT INTO ${snake(r)} (id, ref, nom, email, telephone, iban, nir, solde, created_at) VALUES`);
    for (let i = r.int(5, 40); i > 0; i--) {
      d.line(`  (${d.near()}, '${d.near()}', '${person(d)}', ${col(d, 'email')}, ${col(d, 'phone')}, ${col(d, 'iban')}, ${col(d, 'nir')}, ${r.int(-9999, 99999)}.${r.int(10, 99)}, '${d.near()}')${i > 1 ? ',' : ';'}`);
    }
    if (r.chance(0.2)) d.line(`UPDATE ${snake(r)} SET status = '${r.pick(WORDS)}' WHERE id IN (${d.near()}, ${d.near()});`);
    d.line();
  },
  footer(d) {
    d.line('COMMIT;');
  },
};

export const json: Format = {
  ext: 'json',
  header(d) {
    d.line(`{\n  "version": "${d.near()}",\n  "generatedAt": "${d.near()}",\n  "items": [`);
  },
  block(d) {
    const r = d.r;
    d.line(`    {\n      "id": "${d.near()}",\n      "${camel(r)}": ${r.int(0, 100000)},\n      "label": "${sentence(r)}",`);
    d.line(`      "contact": { "email": ${col(d, 'email', '"', 'null')}, "mobile": ${col(d, 'phone', '"', 'null')} },`);
    d.line(`      "amount": ${r.int(0, 99999)}.${r.int(10, 99)},\n      "ts": "${d.near()}"\n    },`);
  },
  footer(d) {
    d.line(`    { "id": "${d.near()}" }\n  ]\n}`);
  },
};

export const yaml: Format = {
  ext: 'yaml',
  header(d) {
    d.line(`# ${sentence(d.r)}\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${d.r.pick(WORDS)}-${d.r.pick(WORDS)}`);
  },
  block(d) {
    const r = d.r;
    d.line(`${snake(r)}:\n  image: registry.acme.fr/${r.pick(WORDS)}:${d.near()}\n  digest: sha256:${r.hex(64)}`);
    d.line(`  replicas: ${r.int(1, 12)}\n  timeout: ${r.int(1, 600)}s\n  owner: ${d.pii('email')}\n  env:`);
    for (let i = r.int(1, 5); i > 0; i--) d.line(`    - name: ${snake(r).toUpperCase()}\n      value: "${d.near()}"`);
  },
  footer() {},
};

export const csv: Format = {
  ext: 'csv',
  header(d) {
    d.line('id;date;libelle;montant;titulaire;email;telephone;iban;nir');
  },
  block(d) {
    const r = d.r;
    for (let i = 0; i < 20; i++) {
      d.line(`${d.near()};${d.near()};${r.pick(WORDS)} ${r.pick(WORDS)};${r.int(-5000, 5000)},${r.int(10, 99)};${person(d)};${col(d, 'email', '', '')};${col(d, 'phone', '', '')};${col(d, 'iban', '', '')};${col(d, 'nir', '', '')}`);
    }
  },
  footer() {},
};

export const md: Format = {
  ext: 'md',
  header(d) {
    d.line(`# ${pascal(d.r, 3)}\n\n${sentence(d.r)} ${sentence(d.r)}\n`);
  },
  block(d) {
    const r = d.r;
    d.line(`## ${cap(r.pick(WORDS))} ${r.pick(WORDS)}\n\n${sentence(r)} ${sentence(r)} ${sentence(r)}\n`);
    if (r.chance(0.3)) d.line(`Contact : ${person(d)} <${d.pii('email')}>, tél. ${d.pii('phone')}.\n`);
    if (r.chance(0.4)) d.line(`\`\`\`bash\ncurl -H "X-Request-Id: ${d.near()}" https://api.acme.fr/v${r.int(1, 3)}/${r.pick(WORDS)}/${d.near()}\n\`\`\`\n`);
    d.line(`| Version | Date | Notes |\n|---|---|---|\n| ${d.near()} | ${d.near()} | ${sentence(r)} |\n`);
  },
  footer() {},
};

export const html: Format = {
  ext: 'html',
  header(d) {
    d.line(`<!doctype html>\n<html lang="fr">\n<head><meta charset="utf-8"><title>${pascal(d.r)}</title></head>\n<body>`);
  },
  block(d) {
    const r = d.r;
    d.line(`  <section class="${r.pick(WORDS)}-${r.pick(WORDS)}" data-id="${d.near()}">\n    <h2>${sentence(r)}</h2>`);
    d.line(`    <p>${sentence(r)} <a href="mailto:${d.pii('email')}">écrire</a></p>`);
    d.line(`    <form action="/${r.pick(WORDS)}"><input name="iban" placeholder="${d.pii('iban')}" maxlength="${r.int(20, 40)}"></form>`);
    d.line(`    <time datetime="${d.near()}">${d.near()}</time>\n  </section>`);
  },
  footer(d) {
    d.line('</body>\n</html>');
  },
};

export const css: Format = {
  ext: 'css',
  header(d) {
    d.line(`/* ${sentence(d.r)} */\n:root { --${camel(d.r)}: #${d.r.hex(6)}; }\n`);
  },
  block(d) {
    const r = d.r;
    d.line(`.${r.pick(WORDS)}-${r.pick(WORDS)} > .${camel(r)} {\n  margin: ${r.int(0, 64)}px ${r.int(0, 64)}px;\n  color: #${r.hex(6)};`);
    d.line(`  width: ${r.int(0, 100)}.${r.digits(4)}%;\n  transition: opacity ${r.int(1, 9)}00ms cubic-bezier(0.${r.digits(3)}, 0.${r.digits(2)}, 0.${r.digits(3)}, 1);`);
    d.line(`  background: url("data:image/svg+xml,%3Csvg%3E%3Cpath d='M${svgPath(d, 6)}'/%3E%3C/svg%3E");\n}\n`);
    if (r.chance(0.2)) d.line(`@media (min-width: ${r.int(320, 1920)}px) { .${r.pick(WORDS)} { flex: 1 1 ${r.int(0, 100)}%; } }\n`);
  },
  footer() {},
};

/** Path data: commands followed by decimal coordinates, the densest run of numbers in any repository. */
function svgPath(d: Doc, n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(`${d.r.pick(['L', 'C', 'Q', 'M', 'l', 'c', 'h', 'v'])}${d.r.int(0, 999)}.${d.r.digits(d.r.int(1, 3))} ${d.r.int(-99, 999)}.${d.r.digits(2)}`);
  }
  return parts.join(' ');
}

export const svg: Format = {
  ext: 'svg',
  header(d) {
    d.line(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${d.r.int(16, 1024)} ${d.r.int(16, 1024)}">`);
  },
  block(d) {
    d.line(`  <path fill="#${d.r.hex(6)}" d="M${svgPath(d, d.r.int(8, 40))}z"/>`);
  },
  footer(d) {
    d.line('</svg>');
  },
};
