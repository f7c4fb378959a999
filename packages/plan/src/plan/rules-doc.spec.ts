/** docs/rules.md is written by hand; this keeps it in step with the rule catalog. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from './verify';

const DOC = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'rules.md'), 'utf-8');

/**
 * Each rule's part of the document: from its `## \`id\`` heading to the next rule's (the
 * examples hold `##` headings of their own, so "the next `##`" would cut them).
 */
function documentedRules(): Map<string, string> {
  const parts = new Map<string, string>();
  const headings = [...DOC.matchAll(/^## `([^`]+)`[ \t]*$/gm)];
  headings.forEach((heading, index) => {
    parts.set(heading[1], DOC.slice(heading.index!, headings[index + 1]?.index ?? DOC.length));
  });
  return parts;
}

describe('docs/rules.md', () => {
  const documented = documentedRules();

  it('has a `## `rule-id`` section for every rule, and none for a rule that does not exist', () => {
    expect([...documented.keys()].sort()).toEqual(RULES.map((rule) => rule.id).sort());
  });

  it.each(RULES.map((rule) => [rule.id, rule.severity]))(
    'gives the severity of %s (%s)',
    (id, severity) => {
      expect(documented.get(id)).toContain(`**Severity:** ${severity}.`);
    },
  );

  it.each(RULES.map((rule) => [rule.id]))('shows a failing and a passing example for %s', (id) => {
    const part = documented.get(id) ?? '';

    expect(part).toMatch(/^Failing\b/m);
    expect(part).toMatch(/^Passing\b/m);
    expect(part).toContain('**Why:**');
  });
});
