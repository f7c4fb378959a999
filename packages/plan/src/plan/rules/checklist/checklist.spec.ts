import { sectionText } from '../../__fixtures__/edit';
import {
  COMPLETE_PLAN,
  findingsOf,
  lineOf,
  replaceOnce,
  ruleIds,
  verifyVariant,
} from '../../__fixtures__/plans';
import { FEATURE_CHECKLIST, IMPLEMENTATION_CHECKLIST } from '../../catalog';

describe('checklist/item-missing', () => {
  const rule = (text: string) => findingsOf('checklist/item-missing', verifyVariant(text));

  it('reports a deleted item at its group heading', () => {
    const text = replaceOnce(COMPLETE_PLAN, '- [ ] Rate limiting configured\n', '');

    expect(rule(text)).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: lineOf(text, '### Security & Privacy'),
        column: 1,
        messageId: 'missing',
        data: {
          item: 'Rate limiting configured',
          group: 'Security & Privacy',
          section: '`## Feature checklist`',
        },
      }),
    ]);
  });

  it('reports an item reworded or no longer a task', () => {
    const reworded = replaceOnce(
      COMPLETE_PLAN,
      '- [ ] Handlers with security-first design',
      '- [ ] Handlers with a security-first design',
    );
    const plain = replaceOnce(
      COMPLETE_PLAN,
      '- [ ] Handlers with security-first design',
      '- Handlers with security-first design',
    );

    expect(rule(reworded)).toHaveLength(1);
    expect(rule(plain)).toHaveLength(1);
  });

  it('reports an item moved to the other checklist', () => {
    const feature = sectionText(COMPLETE_PLAN, 'Feature checklist');
    const moved = replaceOnce(COMPLETE_PLAN, '- [ ] Code duplication eliminated\n', '');
    const text = replaceOnce(
      moved,
      '- [ ] Security-focused test cases\n',
      '- [ ] Security-focused test cases\n- [ ] Code duplication eliminated\n',
    );

    expect(feature).toContain('Code duplication eliminated');
    expect(rule(text).map((finding) => finding.data.item)).toEqual(['Code duplication eliminated']);
  });

  it('accepts a ticked item and one followed by a note', () => {
    const text = replaceOnce(
      COMPLETE_PLAN,
      '- [ ] Rate limiting configured',
      '- [X] Rate limiting configured (gateway, see above)',
    );

    expect(rule(text)).toEqual([]);
  });

  it('says nothing when the whole checklist section is missing: section-missing does', () => {
    const text = replaceOnce(COMPLETE_PLAN, sectionText(COMPLETE_PLAN, 'Feature checklist'), '');

    expect(rule(text)).toEqual([]);
  });

  it('finds every catalog item in the complete plan', () => {
    const items = [...IMPLEMENTATION_CHECKLIST.groups, ...FEATURE_CHECKLIST.groups].flatMap(
      (group) => group.items,
    );

    expect(items).toHaveLength(44);
    expect(rule(COMPLETE_PLAN)).toEqual([]);
  });
});

describe('checklist/na-reason', () => {
  const rule = (text: string) => findingsOf('checklist/na-reason', verifyVariant(text));
  const withItem = (replacement: string) =>
    replaceOnce(
      COMPLETE_PLAN,
      '- [ ] Performance testing — N/A: 5 requests per second at peak',
      replacement,
    );

  it('reports `N/A:` with nothing after it, at the N/A', () => {
    const text = withItem('- [ ] Performance testing — N/A:');

    expect(rule(text)).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: lineOf(text, '- [ ] Performance testing — N/A:'),
        column: 29,
        messageId: 'noReason',
        data: { item: 'Performance testing — N/A:', minWords: 2 },
      }),
    ]);
  });

  it.each([
    '- [ ] Performance testing — N/A',
    '- [ ] Performance testing (n/a)',
    '- [ ] Performance testing — N/A: -',
    '- [ ] Performance testing — N/A: n/a',
    '- [ ] Performance testing — N/A: none',
    '- [ ] Performance testing — N/A: TBD.',
    '- [ ] Performance testing — N/A: not applicable',
    '- [ ] Performance testing — N/A: ...',
  ])('reports %j', (item) => {
    expect(rule(withItem(item))).toHaveLength(1);
  });

  it.each([
    '- [ ] Performance testing — N/A: batch job',
    '- [x] Performance testing N/A : 5 rps at most',
    '- [ ] Performance testing',
  ])('accepts %j', (item) => {
    expect(rule(withItem(item))).toEqual([]);
  });
});

describe('checklist/unchecked', () => {
  const rule = (text: string) => findingsOf('checklist/unchecked', verifyVariant(text));

  it('says nothing while the plan is approved', () => {
    expect(rule(COMPLETE_PLAN)).toEqual([]);
  });

  it('reports every open item of an implemented plan, not the N/A ones', () => {
    const text = COMPLETE_PLAN.replace('status: approved', 'status: implemented');
    const open = text
      .split('\n')
      .filter((line) => line.startsWith('- [ ]') && !line.includes('N/A'));
    const findings = rule(text);

    expect(findings).toHaveLength(open.length);
    expect(findings[0]).toMatchObject({
      line: lineOf(text, '- [ ] Value objects with robust validation'),
      column: 3,
      messageId: 'notTicked',
      data: { item: 'Value objects with robust validation' },
    });
  });

  it('accepts an implemented plan with every item ticked or N/A', () => {
    const text = COMPLETE_PLAN.replace('status: approved', 'status: implemented').replace(
      /^- \[ \]/gm,
      '- [x]',
    );
    const findings = verifyVariant(text);

    expect(rule(text)).toEqual([]);
    // Ticked without a test, the items that need evidence are evidence/missing's.
    expect(ruleIds(findings)).toEqual(['evidence/missing']);
  });
});
