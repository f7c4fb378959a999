/**
 * The repository's worked example (docs/features/identity/RequestPasswordReset) is verified by
 * `nx run identity:verify-plan` like any plan. This test pins down what the README promises of
 * it: it passes as approved, and one changed sentence makes its approval stale.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_CATALOG } from './catalog';
import { claimsNothing, planEvidence } from './evidence';
import { parsePlan } from './parse-plan';
import { createContext } from './rules/rule';
import { ModuleCode, readModuleCode } from './module-code';
import { verifyPlan } from './verify';

const WORKSPACE = join(__dirname, '../../../..');
const FILE = 'docs/features/identity/RequestPasswordReset/RequestPasswordReset-plan.md';

describe('the worked example, identity/RequestPasswordReset', () => {
  const text = readFileSync(join(WORKSPACE, FILE), 'utf-8');
  const moduleCode = readModuleCode(WORKSPACE, 'packages/identity');

  it('is approved and has no finding', () => {
    expect(text).toMatch(/^status: approved$/m);
    expect(verifyPlan({ file: FILE, text, moduleCode })).toEqual([]);
  });

  it('is stale after one sentence changes, and nothing else is found', () => {
    const sentence = 'answer `202 Accepted` with one fixed body';
    expect(text).toContain(sentence);

    const edited = text.replace(sentence, 'answer `200 OK` with one fixed body');

    expect(verifyPlan({ file: FILE, text: edited, moduleCode }).map((f) => f.ruleId)).toEqual([
      'approval/stale',
    ]);
  });

  it('cites a test for every ticked security and testing item and for all 16 threats', () => {
    const plan = parsePlan(text, FILE);
    const evidence = planEvidence({
      plan,
      catalog: SEED_CATALOG,
      sections: createContext(plan, {
        moduleCode,
        now: new Date(),
        catalog: SEED_CATALOG,
        plansDir: 'docs/features',
        profile: {
          requested: undefined,
          name: 'default',
          known: true,
          modules: ['*'],
          available: [],
        },
      }).sections,
    });
    const ticked = evidence.items.filter(
      ({ owner }) =>
        ['Security & Privacy', 'Testing & Quality'].includes(owner.group) &&
        !claimsNothing(owner.task),
    );

    expect(
      evidence.threats.map(({ owner, links }) => [owner.threat.split(' ')[0], links.length > 0]),
    ).toEqual(Array.from({ length: 16 }, (_, i) => [`T${i + 1}`, true]));
    expect(ticked.map(({ owner }) => owner.item)).toHaveLength(9);
    for (const { owner, links } of ticked) {
      if (owner.item !== 'Threat model completed')
        expect([owner.item, links.length > 0]).toEqual([owner.item, true]);
    }
  });

  it('fails at the link when a cited test is renamed, with its current name', () => {
    const spec = 'src/infrastructure/rate-limiting/sliding-window.rate-limiter.spec.ts';
    const title = 'has no double burst at a boundary, unlike fixed windows';
    const source = moduleCode.readFile(spec)!;
    expect(source).toContain(title);
    const renamed: ModuleCode = {
      ...moduleCode,
      readFile: (path) =>
        path === spec
          ? source.replace(title, 'has no double burst at a window boundary')
          : moduleCode.readFile(path),
    };

    const findings = verifyPlan({ file: FILE, text, moduleCode: renamed });

    const name = `SlidingWindowRateLimiter › ${title}`;
    const link = parsePlan(text, FILE).links.find((candidate) => candidate.text === name)!;
    expect(link.target).toBe(`/packages/identity/${spec}`);
    expect(text.split('\n')[link.line - 1].slice(link.column - 1)).toMatch(
      /^\[SlidingWindowRateLimiter/,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 'evidence/unknown-test',
        line: link.line,
        column: link.column,
        message: `There is no test \`${name}\` in packages/identity/${spec}; rename the link to the test's current name: \`SlidingWindowRateLimiter › has no double burst at a window boundary\`.`,
      }),
    ]);
  });

  it('stays approved when a checklist box is ticked', () => {
    const open = text.match(/^- \[ \] .+$/m)?.[0];
    expect(open).toBeDefined();

    const ticked = text.replace(open!, open!.replace('- [ ]', '- [x]'));

    expect(verifyPlan({ file: FILE, text: ticked, moduleCode })).toEqual([]);
  });
});
