/** Source-code formats: TypeScript, JavaScript, Python, Java, Go, and a minified bundle on one line. */
import type { Format } from './doc.js';
import { camel, pascal, sentence, snake, WORDS } from './rng.js';

const q = (s: string): string => `'${s}'`;
const dq = (s: string): string => `"${s}"`;

export const ts: Format = {
  ext: 'ts',
  header(d) {
    const r = d.r;
    d.line(`import { ${pascal(r)}, ${camel(r)} } from './${r.pick(WORDS)}-${r.pick(WORDS)}.js';`);
    d.line(`import type { ${pascal(r)}Options } from '../${r.pick(WORDS)}/types.js';`);
    d.line();
  },
  block(d) {
    const r = d.r;
    const name = camel(r, 3);
    const kind = r.int(0, 3);
    d.line(`/** ${sentence(r)} */`);
    if (kind === 0) {
      d.line(`export interface ${pascal(r)}Record {\n  id: string;\n  createdAt: string;\n  amount: number;\n  tags?: string[];\n}`);
    } else if (kind === 1) {
      d.line(`export async function ${name}(input: ${pascal(r)}, retries = ${r.int(1, 5)}): Promise<${pascal(r)}> {`);
      d.line(`  const res = await client.${camel(r)}(input.id, { timeout: ${r.int(100, 30000)}, version: ${q(d.near())} });`);
      d.line(`  if (!res || res.status !== ${r.pick([200, 201, 204, 404])}) throw new Error(\`${sentence(r, false)} \${input.id}\`);`);
      d.line(`  // ${sentence(r)}`);
      d.line(`  return { ...res, updatedAt: ${q(d.near())}, checksum: ${q(d.near())}, retries };\n}`);
    } else if (kind === 2) {
      d.line(`export const ${snake(r).toUpperCase()}_FIXTURE = {\n  id: ${q(d.near())},\n  email: ${q(d.pii('email'))},`);
      d.line(`  phone: ${q(d.pii('phone'))},\n  amount: ${d.near()},\n  createdAt: ${q(d.near())},\n};`);
    } else {
      d.line(`describe(${q(name)}, () => {\n  it(${q(sentence(r, false))}, () => {`);
      d.line(`    expect(${name}(${q(d.pii(r.pick(['iban', 'nir'])))})).toEqual({ ok: ${r.chance(0.5)}, code: ${d.near()} });\n  });\n});`);
    }
    d.line();
  },
  footer() {},
};

export const js: Format = {
  ...ts,
  ext: 'js',
  header(d) {
    d.line(`'use strict';\nconst ${camel(d.r)} = require('${d.r.pick(WORDS)}');\n`);
  },
  block(d) {
    const r = d.r;
    d.line(`// ${sentence(r)}\nfunction ${camel(r, 3)}(${camel(r)}, ${camel(r)}) {`);
    d.line(`  const limit = ${d.near()};\n  if (${camel(r)}.length > limit) return null;`);
    if (r.chance(0.4)) d.line(`  const contact = { mail: ${q(d.pii('email'))}, tel: ${q(d.pii('phone'))} };`);
    d.line(`  return { id: ${q(d.near())}, at: Date.parse(${q(d.near())}) };\n}\n`);
  },
};

export const py: Format = {
  ext: 'py',
  header(d) {
    d.line(`"""${sentence(d.r)}"""\nfrom __future__ import annotations\n\nimport logging\nfrom dataclasses import dataclass\n`);
    d.line(`log = logging.getLogger(${dq(snake(d.r))})\n`);
  },
  block(d) {
    const r = d.r;
    if (r.chance(0.3)) {
      d.line(`@dataclass\nclass ${pascal(r)}:\n    """${sentence(r)}"""\n\n    id: str = ${dq(d.near())}`);
      d.line(`    iban: str = ${r.chance(0.3) ? dq(d.pii('iban')) : 'None'}\n    rate: float = ${d.near()}\n`);
    } else {
      d.line(`def ${snake(r, 3)}(${snake(r)}: dict, limit: int = ${r.int(1, 500)}) -> list[str]:`);
      d.line(`    """${sentence(r)}"""\n    rows = []\n    for key, value in ${snake(r)}.items():`);
      d.line(`        if value == ${dq(d.near())}:\n            rows.append(f"{key}:{value}")`);
      if (r.chance(0.3)) d.line(`    # numéro de test : ${d.pii('nir')}`);
      d.line(`    log.debug("%s rows at %s", len(rows), ${dq(d.near())})\n    return rows[:limit]\n`);
    }
  },
  footer(d) {
    d.line(`if __name__ == "__main__":\n    main()`);
  },
};

export const java: Format = {
  ext: 'java',
  header(d) {
    d.line(`package fr.acme.${d.r.pick(WORDS)};\n\nimport java.util.List;\nimport java.util.Optional;\n`);
    d.line(`public class ${pascal(d.r)}Service {`);
  },
  block(d) {
    const r = d.r;
    d.line(`    /** ${sentence(r)} */`);
    d.line(`    public Optional<${pascal(r)}> ${camel(r, 3)}(String id, long ${camel(r)}) {`);
    d.line(`        if (id == null || id.equals("${d.near()}")) {\n            return Optional.empty();\n        }`);
    if (r.chance(0.3)) d.line(`        String ${camel(r)} = "${d.pii(r.pick(['iban', 'email', 'nir', 'phone']))}";`);
    d.line(`        long threshold = ${d.near().replace(/[^0-9]/g, '').slice(0, 12) || '0'}L;`);
    d.line(`        return repository.findById(id).filter(x -> x.getAmount() > ${r.int(0, 9999)}.${r.int(0, 99)});\n    }\n`);
  },
  footer(d) {
    d.line('}');
  },
};

export const go: Format = {
  ext: 'go',
  header(d) {
    d.line(`package ${d.r.pick(WORDS)}\n\nimport (\n\t"context"\n\t"fmt"\n\t"time"\n)\n`);
  },
  block(d) {
    const r = d.r;
    if (r.chance(0.35)) {
      d.line(`var ${camel(r)}Cases = []struct {\n\tname  string\n\tinput string\n\twant  bool\n}{`);
      for (let i = r.int(2, 6); i > 0; i--) d.line(`\t{${dq(snake(r))}, ${dq(r.chance(0.3) ? d.pii(r.pick(['nir', 'phone', 'email'])) : d.near())}, ${r.chance(0.5)}},`);
      d.line('}\n');
      return;
    }
    d.line(`// ${pascal(r, 3)} ${sentence(r, false).toLowerCase()}`);
    d.line(`func ${pascal(r, 3)}(ctx context.Context, id string) (*${pascal(r)}, error) {`);
    d.line(`\tctx, cancel := context.WithTimeout(ctx, ${r.int(1, 90)}*time.Second)\n\tdefer cancel()`);
    d.line(`\tif id == ${dq(d.near())} {\n\t\treturn nil, fmt.Errorf("${sentence(r, false)}: %s", id)\n\t}`);
    d.line(`\treturn store.Get(ctx, id, ${d.near()})\n}\n`);
  },
  footer() {},
};

/** One line, no newline at all: a minified vendor bundle. */
export const minjs: Format = {
  ext: 'js',
  header(d) {
    d.add('!function(e,t){"object"==typeof exports?module.exports=t():e.vendor=t()}(this,function(){"use strict";');
  },
  block(d) {
    const r = d.r;
    const v = (): string => r.pick(['e', 't', 'n', 'r', 'i', 'o', 'a', 's', 'u', 'c']);
    d.add(`var ${v()}${r.int(0, 99)}=function(${v()},${v()}){return ${v()}*${r.int(1, 9999)}+${v()}};`);
    d.add(`${v()}.${camel(r)}=${dq(r.chance(0.08) ? d.pii(r.pick(['email', 'phone', 'iban'])) : d.near())};`);
    d.add(`if(${v()}>${r.int(0, 65535)})${v()}=[${r.int(0, 999)},${r.int(0, 999)},"${r.hex(8)}"];`);
  },
  footer(d) {
    d.add('return{}});');
  },
};
