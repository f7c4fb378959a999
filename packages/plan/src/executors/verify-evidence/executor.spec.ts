import type { ExecutorContext } from '@nx/devkit';
import { logger } from '@nx/devkit';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import verifyEvidenceExecutor from './executor';

const PLAN = 'docs/features/zeta/BookRoom/BookRoom-plan.md';
const SPEC = 'packages/zeta/src/room.spec.ts';
const PLAN_TEXT = `---
module: zeta
useCase: BookRoom
status: approved
---

# BookRoom plan

## Feature checklist

### Security & Privacy

- [x] Rate limiting configured — [Room › refuses the 31st booking](/${SPEC})
`;

/** A jest --json report, as the machine that ran the tests wrote it. */
function jestReport(status: 'passed' | 'failed', root: string): string {
  return JSON.stringify({
    success: status === 'passed',
    testResults: [
      {
        name: `${root}/${SPEC}`,
        status,
        message: '',
        assertionResults: [
          {
            ancestorTitles: ['Room'],
            title: 'refuses the 31st booking',
            fullName: 'Room refuses the 31st booking',
            status,
            failureMessages: status === 'failed' ? ['Error: expected 429, got 201\n    at x'] : [],
          },
        ],
      },
    ],
  });
}

describe('verify-evidence executor', () => {
  let root: string;
  let output: string;

  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  };
  const context = (test?: Record<string, unknown>): ExecutorContext =>
    ({
      root,
      cwd: root,
      isVerbose: false,
      projectName: 'zeta',
      target: { executor: '@mjomeet/plan:verify-evidence' },
      projectsConfigurations: {
        version: 2,
        projects: {
          zeta: {
            root: 'packages/zeta',
            targets: test ? { test, 'verify-plan': {} } : { 'verify-plan': {} },
          },
        },
      },
    }) as unknown as ExecutorContext;
  const TEST_TARGET = {
    executor: 'nx:run-commands',
    outputs: ['{workspaceRoot}/coverage/{projectRoot}', '{projectRoot}/jest-results.json'],
    options: { command: 'jest --json --outputFile={projectRoot}/jest-results.json' },
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'verify-evidence-'));
    write(PLAN, PLAN_TEXT);
    write('packages/zeta/jest-results.json', jestReport('passed', '/elsewhere/ci'));
    output = '';
    jest
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
        output += String(chunk);
        const callback = rest.find((arg) => typeof arg === 'function');
        (callback as ((error?: Error) => void) | undefined)?.();
        return true;
      });
  });

  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  });

  it('passes when the cited test passed in the report the test target lists among its outputs', async () => {
    const result = await verifyEvidenceExecutor({}, context(TEST_TARGET));

    expect(result).toEqual({ success: true });
    expect(output).toBe(
      '✔ 1 cited test ran and passed (1 plan; packages/zeta/jest-results.json)\n',
    );
  });

  it('accepts the report under an output folder, or matched by an output glob', async () => {
    for (const outputs of [['{projectRoot}'], ['{projectRoot}/*.json'], ['{options.outputFile}']]) {
      const target = {
        ...TEST_TARGET,
        outputs,
        options: { outputFile: 'packages/zeta/jest-results.json' },
      };
      expect(await verifyEvidenceExecutor({}, context(target))).toEqual({ success: true });
    }
  });

  it('fails at the link, naming the item, when the cited test failed', async () => {
    write('packages/zeta/jest-results.json', jestReport('failed', root));

    const result = await verifyEvidenceExecutor({}, context(TEST_TARGET));

    expect(result).toEqual({ success: false });
    expect(output).toContain(
      `${PLAN}:13:34  error  \`Rate limiting configured\` cites \`Room › refuses the 31st booking\`, which failed in the last test run (${SPEC}): expected 429, got 201. What the plan claims does not hold; fix the code or the test.  evidence/failed`,
    );
  });

  it('fails when the test target does not list the report among its outputs: a cache hit would not restore it', async () => {
    const result = await verifyEvidenceExecutor(
      {},
      context({ ...TEST_TARGET, outputs: ['{workspaceRoot}/coverage/{projectRoot}'] }),
    );

    expect(result).toEqual({ success: false });
    expect(output).toContain(
      'packages/zeta/jest-results.json:1:1  error  The `test` target of zeta does not list packages/zeta/jest-results.json among its outputs (its outputs are coverage/packages/zeta)',
    );
  });

  it('fails when the project has no test target', async () => {
    const result = await verifyEvidenceExecutor({}, context());

    expect(result).toEqual({ success: false });
    expect(output).toContain('zeta has no `test` target, so nothing runs the tests');
  });

  it('reads the test target, the report and the plans the options name', async () => {
    write('out/unit.json', jestReport('passed', root));
    const unit = { ...TEST_TARGET, outputs: ['{workspaceRoot}/out/unit.json'] };
    const ctx = context();
    (ctx.projectsConfigurations.projects.zeta.targets as Record<string, unknown>).unit = unit;

    const result = await verifyEvidenceExecutor(
      { testTarget: 'unit', report: 'out/unit.json' },
      ctx,
    );

    expect(result).toEqual({ success: true });
  });

  it('writes json or SARIF to --outputFile and still tells people the result', async () => {
    write('packages/zeta/jest-results.json', jestReport('failed', root));

    await verifyEvidenceExecutor(
      { format: 'sarif', outputFile: 'reports/evidence.sarif' },
      context(TEST_TARGET),
    );

    const sarif = JSON.parse(readFileSync(join(root, 'reports/evidence.sarif'), 'utf-8'));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual([
      'evidence/failed',
    ]);
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain(
      'evidence/not-run',
    );
    expect(output).toContain('evidence/failed');
  });

  it('refuses a broken configuration with one message', async () => {
    const error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);

    const result = await verifyEvidenceExecutor(
      { config: { evidence: { report: '../outside.json' } } },
      context(TEST_TARGET),
    );

    expect(result).toEqual({ success: false });
    expect(error).toHaveBeenCalledWith(
      expect.stringContaining('evidence.report "../outside.json"'),
    );
  });
});
