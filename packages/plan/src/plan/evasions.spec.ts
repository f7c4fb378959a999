/**
 * The ways a hurried developer got an unfinished plan past the gate (issue "The gate fails
 * closed"), each written down as an attack that must now fail. Every plan here is one the
 * approve generator must refuse: `skipApproval` is how it verifies.
 */
import { sectionText } from './__fixtures__/edit';
import {
  COMPLETE_DRAFT,
  findingsOf,
  GENERATED_PLAN,
  GENERATED_ZETA_FILES,
  replaceOnce,
  ruleIds,
  verifyVariant,
  zetaModule,
} from './__fixtures__/plans';
import type { Finding } from './finding';

const beforeApproval = (text: string): Finding[] =>
  verifyVariant(text, { moduleCode: zetaModule(GENERATED_ZETA_FILES), skipApproval: true });
const errors = (findings: readonly Finding[]) =>
  findings.filter((finding) => finding.severity === 'error');
const markerLines = GENERATED_PLAN.split('\n').filter((line) => /TODO\(plan\)/.test(line)).length;

describe('hidden placeholders', () => {
  it.each([
    ['wrapped in backticks', '`TODO(plan)`'],
    ['in lower case', 'todo(plan)'],
    ['in mixed case with spaces', 'ToDo ( Plan )'],
    ['with a zero-width space inside', 'TO\u200bDO(plan)'],
    ['with a zero-width joiner and a soft hyphen', 'TODO(\u200dpl\u00adan)'],
    ['in full-width letters', 'ＴＯＤＯ(plan)'],
    ['with an entity for a parenthesis', 'TODO&#40;plan&#41;'],
    ['with backslash escapes', 'TODO\\(plan\\)'],
    ['split by emphasis', 'TO**DO**(plan)'],
    ['split by an HTML comment', 'TO<!-- -->DO(plan)'],
    ['inside an HTML comment', '<!-- TODO(plan) -->'],
  ])('finds every marker %s', (_how, disguise) => {
    const text = GENERATED_PLAN.replace(/TODO\(plan\)/g, disguise);
    const found = findingsOf('plan/placeholder', beforeApproval(text));

    expect(found).toHaveLength(markerLines);
    expect(found.every((finding) => finding.severity === 'error')).toBe(true);
  });

  it('finds a marker broken over two lines of a paragraph', () => {
    const text = replaceOnce(COMPLETE_DRAFT, 'Out of scope:', 'Out of scope: TODO(\nplan)');

    expect(findingsOf('plan/placeholder', beforeApproval(text))).toHaveLength(1);
  });

  it('the template names no marker in its prose', () => {
    const intro = GENERATED_PLAN.slice(
      GENERATED_PLAN.indexOf('# BookRoom plan'),
      GENERATED_PLAN.indexOf('## '),
    );

    expect(intro).not.toMatch(/todo/i);
  });
});

describe('guidance is not content', () => {
  it('reports every section left with only its guidance as empty', () => {
    const text = GENERATED_PLAN.replace(/^TODO\(plan\)\n\n?/gm, '');
    const empty = findingsOf('plan/section-empty', beforeApproval(text)).map(
      (finding) => finding.message.split('`')[1],
    );

    expect(empty).toEqual(
      expect.arrayContaining([
        '## Requirements analysis',
        '## Domain event storming',
        '## Privacy and compliance',
        '## Performance and scalability',
        '## Infrastructure and monitoring',
      ]),
    );
  });
});

describe('nonsense', () => {
  /** The generated plan with every placeholder answered by `.`. */
  const dotted = GENERATED_PLAN.replace(/TODO\(plan\)/g, '.');

  it('every section `.`: each prose section says nothing', () => {
    const findings = beforeApproval(dotted);

    expect(findingsOf('plan/section-substance', findings).length).toBeGreaterThanOrEqual(6);
    expect(errors(findings).length).toBeGreaterThan(0);
  });

  it.each([
    ['. | . | ok', ['threat', 'asset', 'mitigation']],
    ['N/A | N/A | N/A', ['threat', 'asset', 'mitigation']],
    ['Flood | - | n/a', ['asset', 'mitigation']],
    ['Token theft | Accounts | tbd', ['mitigation']],
  ])('a threat row `%s` is vague in %j', (row, cells) => {
    const text = replaceOnce(
      COMPLETE_DRAFT,
      sectionText(COMPLETE_DRAFT, 'Threat model'),
      `## Threat model\n\nWhat could go wrong.\n\n| Threat | Asset | Mitigation |\n| --- | --- | --- |\n| ${row} |\n\n`,
    );
    const vague = findingsOf('threat-model/vague-row', beforeApproval(text));

    expect(vague.map((finding) => finding.message.split(' ')[1])).toEqual(cells);
  });

  it('a test block of `;` is no test', () => {
    const text = COMPLETE_DRAFT.replace(/```ts\n[\s\S]*?```/g, '```ts\n;\n```');

    expect(ruleIds(errors(beforeApproval(text)))).toContain('tests/no-assertion');
  });

  it('every checklist item `N/A: n/a` has no reason', () => {
    // Each item, with the lines it continues on (its evidence), becomes one vague N/A.
    const text = COMPLETE_DRAFT.replace(
      /^- \[[ x]\] (.+)(?:\n {6}\S.*)*$/gm,
      '- [ ] $1 — N/A: n/a',
    );
    // Items that were N/A with a reason already keep their first reason.
    const items = (COMPLETE_DRAFT.match(/^- \[[ x]\] (?!.*N\/A).*$/gm) ?? []).length;

    expect(findingsOf('checklist/na-reason', beforeApproval(text))).toHaveLength(items);
  });

  it('a carefully written plan passes all of them', () => {
    expect(errors(verifyVariant(COMPLETE_DRAFT, { skipApproval: true }))).toEqual([]);
  });
});
