import {
  COMPLETE_PLAN,
  findingsOf,
  GENERATED_PLAN,
  lineOf,
  verifyVariant,
} from '../../__fixtures__/plans';

describe('plan/front-matter', () => {
  const rule = (text: string) => findingsOf('plan/front-matter', verifyVariant(text));

  it('accepts the generated and the complete plan', () => {
    expect(rule(GENERATED_PLAN)).toEqual([]);
    expect(rule(COMPLETE_PLAN)).toEqual([]);
  });

  it('reports a missing front matter, with the fields the path asks for', () => {
    const [finding] = rule(COMPLETE_PLAN.slice(COMPLETE_PLAN.indexOf('# BookRoom plan')));

    expect(finding).toMatchObject({
      line: 1,
      column: 1,
      severity: 'error',
      messageId: 'noFrontMatter',
      data: { example: '`module: zeta`, `useCase: BookRoom`, `status: draft`' },
    });
  });

  it('reports invalid YAML where it is', () => {
    const [finding] = rule(COMPLETE_PLAN.replace('useCase: BookRoom', 'useCase: "BookRoom'));

    expect(finding.line).toBeGreaterThanOrEqual(3);
    expect(finding.line).toBeLessThanOrEqual(lineOf(COMPLETE_PLAN, '  digest:'));
    expect(finding).toMatchObject({
      messageId: 'invalidYaml',
      data: { problem: expect.stringMatching(/\S/) },
    });
  });

  it('reports an unclosed front matter', () => {
    const text = COMPLETE_PLAN.replace('\n---\n\n# BookRoom', '\n\n# BookRoom');

    expect(rule(text)).toEqual([expect.objectContaining({ line: 1, column: 1 })]);
  });

  it('reports a status that is not draft, approved or implemented, at its value', () => {
    const [finding] = rule(GENERATED_PLAN.replace('status: draft', 'status: done'));

    expect(finding).toMatchObject({
      line: 4,
      column: 9,
      messageId: 'badStatus',
      data: { value: '"done"', statuses: 'draft, approved, implemented' },
    });
  });

  it.each([
    ['module', 'module: zeta\n', 'noModule', { expected: 'zeta' }],
    ['useCase', 'useCase: BookRoom\n', 'noUseCase', { expected: 'BookRoom' }],
    ['status', 'status: draft\n', 'noStatus', {}],
  ])('reports a missing %s', (_field, line, messageId, data) => {
    const findings = rule(GENERATED_PLAN.replace(line, ''));

    expect(findings).toEqual([expect.objectContaining({ messageId, data })]);
  });

  it.each([
    ['module: [a, b]', '["a","b"]'],
    ['module: ../etc', '"../etc"'],
  ])('reports an invalid module (%s)', (line, value) => {
    const [finding] = rule(GENERATED_PLAN.replace('module: zeta', line));

    expect(finding).toMatchObject({ line: 2, column: 9, messageId: 'badModule', data: { value } });
  });

  it('reports a use-case that is not PascalCase', () => {
    const [finding] = rule(GENERATED_PLAN.replace('useCase: BookRoom', 'useCase: book room'));

    expect(finding).toMatchObject({ line: 3, column: 10 });
  });
});

describe('plan/path-mismatch', () => {
  const rule = (text: string, file?: string) =>
    findingsOf('plan/path-mismatch', verifyVariant(text, { file }));

  it('accepts a plan whose fields match its path', () => {
    expect(rule(COMPLETE_PLAN)).toEqual([]);
  });

  it('reports a module that is not the one of the path, at the field', () => {
    const [finding] = rule(COMPLETE_PLAN, 'docs/features/eta/BookRoom/BookRoom-plan.md');

    expect(finding).toMatchObject({
      line: 2,
      column: 9,
      severity: 'error',
      messageId: 'mismatch',
      data: {
        field: 'module',
        value: 'zeta',
        expected: 'eta',
        move: ', or move the plan to docs/features/zeta/BookRoom/BookRoom-plan.md',
      },
    });
  });

  it('reports a use-case that is not the one of the path', () => {
    const findings = rule(COMPLETE_PLAN, 'docs/features/zeta/BookDesk/BookDesk-plan.md');

    expect(findings).toEqual([expect.objectContaining({ line: 3, column: 10 })]);
  });

  it('accepts Windows separators and a workspace prefix', () => {
    expect(rule(COMPLETE_PLAN, 'C:\\ws\\docs\\features\\zeta\\BookRoom\\BookRoom-plan.md')).toEqual(
      [],
    );
  });

  it('says nothing about a file outside the plan layout', () => {
    expect(rule(COMPLETE_PLAN, 'notes/some-plan.md')).toEqual([]);
    expect(rule(COMPLETE_PLAN, 'docs/features/zeta/BookRoom/Other-plan.md')).toEqual([]);
  });
});
