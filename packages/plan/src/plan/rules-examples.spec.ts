/**
 * Every example of docs/rules/ runs, as eslint's check-rule-examples does: the rule reports on
 * its failing examples and not on its passing ones. How an example is put into a plan is its
 * `<!-- example: … -->` directive's (docs/rules/README.md).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the docs build lives in tools/, no project; its test runs here
import { examplesOf, readPart } from '../../../../tools/rules-doc/parts';
import { layoutOf, listedPaths, ruleExamples, RUN_ELSEWHERE } from './__fixtures__/rule-examples';
import { DEFAULT_CONFIG } from './config/resolve';
import { readModuleLayout } from './verify-project';
import { RULES } from './verify';

const ROOT = join(__dirname, '..', '..', '..', '..');
const PARTS = RULES.map((rule) => readPart(ROOT, rule.id));
const EXAMPLES = PARTS.flatMap(ruleExamples);

describe('the examples of docs/rules/', () => {
  it.each(RULES.filter((rule) => !RUN_ELSEWHERE(rule.id)).map((rule) => [rule.id]))(
    '%s has a failing and a passing example',
    (id) => {
      const kinds = new Set(EXAMPLES.filter((example) => example.ruleId === id).map((e) => e.kind));

      expect([...kinds].sort()).toEqual(['failing', 'passing']);
    },
  );

  it.each(
    EXAMPLES.filter((example) => example.kind === 'failing').map((example) => [
      example.ruleId,
      example.where,
      example,
    ]),
  )('%s reports on its failing example (%s)', (_id, _where, example) => {
    const messageIds = example.findings().map((finding) => finding.messageId);

    expect(messageIds).not.toEqual([]);
    if (example.messageId) expect(messageIds).toContain(example.messageId);
  });

  it.each(
    EXAMPLES.filter((example) => example.kind === 'passing').map((example) => [
      example.ruleId,
      example.where,
      example,
    ]),
  )('%s does not report on its passing example (%s)', (_id, _where, example) => {
    expect(example.findings().map((finding) => finding.message)).toEqual([]);
  });
});

describe("the layout examples' module layout", () => {
  const layouts = PARTS.flatMap((part) =>
    examplesOf(part)
      .filter((example) => example.options.has('layout'))
      .map((example) => ({
        where: `${part.file}:${example.line}`,
        paths: listedPaths(example.code),
        module: String(example.options.get('module')),
      })),
  );
  // Paths that differ only in case cannot be written side by side on every file system.
  const writable = layouts.filter(
    ({ paths }) => new Set(paths.map((path) => path.toLowerCase())).size === paths.length,
  );
  let workspace = '';

  beforeEach(() => {
    workspace = mkdtempSync(join(tmpdir(), 'rules-examples-'));
  });

  afterEach(() => {
    rmSync(workspace, { recursive: true, force: true });
  });

  it('is compared with the disk for all but the layouts whose paths differ only in case', () => {
    expect(writable.length).toBeGreaterThanOrEqual(layouts.length - 1);
  });

  it.each(writable.map((layout) => [layout.where, layout]))(
    'is what verify-project reads from disk (%s)',
    (_where, { paths, module }) => {
      for (const path of paths) {
        if (path.endsWith('/')) mkdirSync(join(workspace, path), { recursive: true });
        else {
          mkdirSync(dirname(join(workspace, path)), { recursive: true });
          writeFileSync(join(workspace, path), '');
        }
      }
      const plansDir = `${DEFAULT_CONFIG.plansDir}/${module}`;

      expect(layoutOf(paths, DEFAULT_CONFIG.plansDir, module)).toEqual(
        readModuleLayout(workspace, plansDir, `packages/${module}`),
      );
    },
  );
});
