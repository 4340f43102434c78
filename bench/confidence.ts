/**
 * `npm run bench:confidence`: precision of the phone and email detectors at each confidence level on a synthetic,
 * labelled corpus. Every planted value is valid (the detectors report it); its label says whether it is a leak of a
 * person's data (an export, a dump, a log, a note) or not (faker output in tests, documentation examples, seeds,
 * an organisation's switchboard). The mix is ours, so this checks that the signals rank findings as designed; the
 * README also gives figures measured on real public repositories.
 */
import { scanText } from '../src/core/scan-text.js';
import type { Confidence, Finding } from '../src/core/types.js';
import { validEmail, validMobile } from './pii.js';
import { Rng } from './rng.js';

type Kind = 'email' | 'phone';
interface Template {
  path: string;
  leak: boolean;
  /** A file of `n` lines, each holding one planted value of `kind` (`V`), with a header line when there is one. */
  header?: string;
  line: (v: string, i: number) => string;
}

const T = (path: string, leak: boolean, line: Template['line'], header?: string): Template => ({ path, leak, line, header });

const TEMPLATES: Record<Kind, Template[]> = {
  email: [
    T('exports/usagers-2024.csv', true, (v, i) => `${i};Martin;Claire;${v};Paris`, 'id;nom;prenom;courriel;ville'),
    T('data/users.json', true, (v, i) => `  {"id": ${i}, "name": "C. Martin", "email": "${v}"},`),
    T('db/dump.sql', true, (v, i) => `INSERT INTO usagers (id, nom, mail) VALUES (${i}, 'Martin', '${v}');`),
    T('logs/app.log', true, (v, i) => `2024-03-0${(i % 9) + 1} 10:42:0${i % 10} INFO password reset sent to ${v}`),
    T('src/notify.py', true, (v) => `ADMIN_CONTACT = "${v}"  # Claire, pour les alertes`),
    T('docs/notes-reunion.md', true, (v) => `- Rappeler Claire Martin (${v}) pour le dossier`),
    T('tests/fixtures/users.json', false, (v, i) => `  {"id": ${i}, "email": "${v}"},`),
    T('spec/factories/users.rb', false, (v) => `    email { Faker::Internet.email } # ${v}`),
    T('docs/api.md', false, (v) => `Exemple : \`POST /contacts {"to": "${v}"}\``),
    T('db/seeds.rb', false, (v, i) => `User.create!(id: ${i}, email: "${v}")`),
    T('package.json', false, (v) => `  "author": "Claire Martin <${v}>",`),
  ],
  phone: [
    T('exports/beneficiaires.csv', true, (v, i) => `${i};Martin;${v};75011`, 'id;nom;telephone;code_postal'),
    T('data/contacts.json', true, (v, i) => `  {"id": ${i}, "tel": "${v}"},`),
    T('db/dump.sql', true, (v, i) => `INSERT INTO usagers (id, nom, portable) VALUES (${i}, 'Martin', '${v}');`),
    T('logs/sms.log', true, (v, i) => `2024-03-0${(i % 9) + 1} 10:42:0${i % 10} INFO SMS delivered to ${v}`),
    T('docs/notes-reunion.md', true, (v) => `- Claire Martin, joignable au ${v} après 18 h`),
    T('tests/fixtures/contacts.json', false, (v, i) => `  {"id": ${i}, "phone": "${v}"},`),
    T('tests/test_sms.py', false, (v) => `    to = faker.phone_number()  # ${v}`),
    T('docs/api.md', false, (v) => `Par exemple : \`${v}\``),
    T('templates/footer.html', false, (v) => `<p>Standard de la mairie : ${v}</p>`),
    T('db/seeds.rb', false, (v, i) => `Contact.create!(id: ${i}, tel: "${v}")`),
  ],
};

const PER_TEMPLATE = 40;
const LEVELS: Confidence[] = ['high', 'medium', 'low'];

interface Tally { tp: number; fp: number }

function measure(kind: Kind, r: Rng): Record<Confidence, Tally> {
  const tally = Object.fromEntries(LEVELS.map((l) => [l, { tp: 0, fp: 0 }])) as Record<Confidence, Tally>;
  for (const t of TEMPLATES[kind]) {
    const lines = Array.from({ length: PER_TEMPLATE }, (_, i) => t.line(kind === 'email' ? validEmail(r) : validMobile(r), i + 1));
    // Below the dataset threshold per file, as a diff adding a few lines would be: confidence is about each value.
    const findings: Finding[] = [];
    for (let i = 0; i < lines.length; i += 5) {
      const chunk = `${t.header ? `${t.header}\n` : ''}${lines.slice(i, i + 5).join('\n')}\n`;
      findings.push(...scanText(chunk, { path: t.path }).findings.filter((f) => f.detector === kind));
    }
    if (findings.length !== PER_TEMPLATE) console.warn(`bench: ${t.path}: ${findings.length} of ${PER_TEMPLATE} planted ${kind} values found`);
    for (const f of findings) tally[f.confidence][t.leak ? 'tp' : 'fp']++;
  }
  return tally;
}

const pct = (t: Tally) => (t.tp + t.fp === 0 ? '–' : `${((100 * t.tp) / (t.tp + t.fp)).toFixed(0)} %`);
const sum = (a: Tally, b: Tally): Tally => ({ tp: a.tp + b.tp, fp: a.fp + b.fp });

const rows = ['| Detector | Confidence | Findings | Leaks | Precision | Precision at this level or above |', '| --- | --- | ---: | ---: | ---: | ---: |'];
const r = new Rng(20261126);
for (const kind of ['phone', 'email'] as const) {
  const tally = measure(kind, r);
  let cumulative: Tally = { tp: 0, fp: 0 };
  for (const level of LEVELS) {
    cumulative = sum(cumulative, tally[level]);
    const t = tally[level];
    rows.push(`| ${kind} | ${level} | ${t.tp + t.fp} | ${t.tp} | ${pct(t)} | ${pct(cumulative)} |`);
  }
}
console.log(rows.join('\n'));
