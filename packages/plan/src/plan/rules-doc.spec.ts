/**
 * docs/rules.md is generated (tools/rules-doc, `npm run docs:rules`) from each rule's meta and
 * its hand-written part in docs/rules/, and plan-format.md's lists from the catalog. These tests
 * keep the committed documents what the build writes, and every rule documented.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the docs build lives in tools/, no project; its test runs here
import {
  BuiltFile,
  buildDocs,
  githubAnchor,
  PLAN_FORMAT_FILE,
  REGENERATE,
  ruleHeading,
  RULES_FILE,
} from '../../../../tools/rules-doc/docs';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the docs build lives in tools/, no project; its test runs here
import { blocksOf, partIds, readPart } from '../../../../tools/rules-doc/parts';
import { RUN_ELSEWHERE } from './__fixtures__/rule-examples';
import { RULES_DOC } from './rules/rule';
import { RULES } from './verify';

const ROOT = join(__dirname, '..', '..', '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf-8');

/** Where two texts first differ, said so that a person sees what to do. */
function staleness(file: string, actual: string, expected: string): string | undefined {
  if (actual === expected) return undefined;
  const actualLines = actual.split('\n');
  const expectedLines = expected.split('\n');
  const line = expectedLines.findIndex((text, index) => text !== actualLines[index]);
  const at = line === -1 ? actualLines.length : line + 1;
  return `${file} is not what the build writes (from line ${at}: ${JSON.stringify(expectedLines[at - 1] ?? '')}); run \`${REGENERATE}\`.`;
}

describe('the generated documents', () => {
  let built: readonly BuiltFile[] = [];

  beforeAll(async () => {
    built = await buildDocs(ROOT);
  });

  it.each([[RULES_FILE], [PLAN_FORMAT_FILE]])('%s is what `npm run docs:rules` writes', (file) => {
    const expected = built.find((candidate) => candidate.file === file)?.text ?? '';

    expect(staleness(file, read(file), expected)).toBeUndefined();
  });
});

describe('docs/rules/', () => {
  it('has a part for every rule, and none for a rule that does not exist', () => {
    expect(partIds(ROOT)).toEqual(RULES.map((rule) => rule.id).sort());
  });

  it.each(RULES.map((rule) => [rule.id]))(
    "%s's part says what it checks and why, with a failing and a passing example",
    (id) => {
      const { body } = readPart(ROOT, id);

      expect(body).toMatch(/^\*\*Checks\*\*/m);
      expect(body).toContain('**Why:**');
      expect(body).toMatch(/^Failing\b/m);
      expect(body).toMatch(/^Passing\b/m);
    },
  );

  it.each(RULES.filter((rule) => !RUN_ELSEWHERE(rule.id)).map((rule) => [rule.id]))(
    'every fenced block of the part of %s is an example, so that a test runs it',
    (id) => {
      const part = readPart(ROOT, id);

      expect(
        blocksOf(part)
          .filter((block) => !block.example)
          .map((block) => `${part.file}:${block.line}`),
      ).toEqual([]);
    },
  );
});

describe('docs/rules.md', () => {
  const doc = read(RULES_FILE);

  /**
   * Each rule's part of the document: from its `## \`id\`` heading to the next rule's (the
   * examples hold `##` headings of their own, so "the next `##`" would cut them).
   */
  const documented = new Map<string, string>();
  const headings = [...doc.matchAll(/^## `([^`]+)`[ \t]*$/gm)];
  headings.forEach((heading, index) => {
    documented.set(heading[1], doc.slice(heading.index, headings[index + 1]?.index ?? doc.length));
  });

  it.each(RULES.map((rule) => [rule.id, rule.severity]))(
    'gives the severity of %s (%s)',
    (id, severity) => {
      expect(documented.get(id)).toContain(`**Severity:** ${severity}.`);
    },
  );

  it.each(RULES.map((rule) => [rule.id, rule.docs]))(
    "links %s's findings (SARIF helpUri) to its heading",
    (id, docs) => {
      expect(docs).toBe(`${RULES_DOC}#${githubAnchor(ruleHeading(id))}`);
      expect(doc).toContain(`\n## ${ruleHeading(id)}\n`);
    },
  );
});
