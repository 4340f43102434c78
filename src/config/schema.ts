/**
 * `.github/sondier.yml`: the same file the CLI, the App and the Action read. Validated with zod so that every error
 * is reported with its key path; `npm run schema` publishes it as JSON Schema (schema/sondier.schema.json) for editors.
 */
import { z } from 'zod';

const severity = z.enum(['error', 'warning', 'notice', 'off']);
const globs = z.array(z.string().min(1, 'a glob must not be empty'));

const byConfidence = z
  .strictObject({ high: severity.optional(), medium: severity.optional(), low: severity.optional() })
  .describe('Severity by confidence: replaces the severity of findings of that confidence ("off" drops them).');

const detectorSettings = z.union([
  severity,
  z.strictObject({ severity: severity.optional(), confidence: byConfidence.optional() }),
]);

const overrideEntry = z.strictObject({
  paths: globs.min(1),
  severity,
  detectors: z.array(z.string()).optional(),
});

export const configSchema = z
  .strictObject({
    $schema: z.string().optional(),
    failOn: z
      .enum(['error', 'warning', 'notice', 'never'])
      .optional()
      .describe('Lowest severity that fails the run (exit code 1, failed check). Default: error.'),
    detectors: z
      .record(z.string(), detectorSettings)
      .optional()
      .describe('Per detector (nir, iban, email, phone, card, siret, siren, nif, passport, cni, dataset): a severity, or { severity, confidence: { high, medium, low } }. "off" disables it.'),
    confidence: byConfidence.optional().describe('Severity by confidence for every detector (a detector\'s own `confidence` wins).'),
    dataset: z
      .strictObject({
        threshold: z.number().int().min(0).optional().describe('Findings in one file that make it look like an export (default 10; 0 disables).'),
        severity: severity.optional().describe('Severity of the file-level finding (default error).'),
        annotations: z.number().int().min(0).optional().describe('Per-line annotations kept for such a file (default 20); the summary counts all.'),
      })
      .optional()
      .describe('A file whose added lines hold many personal values is reported once as a likely data export.'),
    paths: z
      .strictObject({ ignore: globs.optional().describe('Globs of files never scanned (reported as skipped).') })
      .optional(),
    overrides: z
      .union([z.array(overrideEntry), z.record(z.string(), severity)])
      .optional()
      .describe('Severity by path: { "tests/**": notice } or a list of { paths, severity, detectors }. Last match wins.'),
    allow: z
      .strictObject({
        fingerprints: z
          .array(z.string().regex(/^[a-z][a-z0-9-]*:[0-9a-f]{2,16}$/, 'expected "<detector>:<hex>"'))
          .optional()
          .describe('Fingerprints (from any report) of values that are not personal data.'),
        emails: z
          .array(z.string().regex(/^[^@\s]+@[^@\s]+$/, 'expected an email address'))
          .optional()
          .describe('Email addresses that may appear (e.g. a team address).'),
        emailDomains: z
          .array(z.string().regex(/^[A-Za-z0-9.-]+$/, 'expected a domain name'))
          .optional()
          .describe('Domains (and their subdomains) whose addresses may appear.'),
      })
      .optional()
      .describe('Allow-lists: what is allowed is not reported.'),
  })
  .describe('sondier configuration (.github/sondier.yml)');

export type RawConfig = z.infer<typeof configSchema>;
