/**
 * verify-evidence against real jest reports: a small module is tested with the repository's jest
 * (`--json --outputFile`, as the test target runs it), and its plan cites tests that passed,
 * failed, were excluded by the jest configuration or skipped, and a report replayed by Nx's cache
 * from another machine.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { verifyProjectEvidence } from './verify-evidence';

const REPO = join(__dirname, '../../../..');
const JEST = join(REPO, 'node_modules/jest/bin/jest.js');
const PLAN = 'docs/features/mod/DoThing/DoThing-plan.md';
const REPORT = 'packages/mod/jest-results.json';

const FILES: Record<string, string> = {
  'packages/mod/jest.config.js': `module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: {},
  testPathIgnorePatterns: ['/node_modules/', 'excluded'],
};
`,
  'packages/mod/src/limiter.spec.js': `describe('Limiter', () => {
  it('refuses the 11th request', () => {
    expect(11 > 10).toBe(true);
  });
  it('forgets nothing', () => {
    expect('forgotten').toBe('remembered');
  });
  describe('window', () => {
    it.each([1, 2])('slides by %i', (n) => {
      expect(n).toBeGreaterThan(0);
    });
  });
  it.skip('is skipped', () => {
    expect(1).toBe(1);
  });
});
`,
  'packages/mod/src/excluded.spec.js': `describe('Excluded', () => {
  it('would pass', () => {
    expect(1).toBe(1);
  });
});
`,
};

/** A plan whose `Rate limiting configured` item and threat T1 cite the given tests. */
function plan(
  item: string,
  threat = '[Limiter › refuses the 11th request](/packages/mod/src/limiter.spec.js)',
): string {
  return [
    '---',
    'module: mod',
    'useCase: DoThing',
    'status: approved',
    '---',
    '',
    '# DoThing plan',
    '',
    '## Threat model',
    '',
    '| Threat   | Asset   | Mitigation |',
    '| -------- | ------- | ---------- |',
    '| T1 Flood | Service | Limits     |',
    '',
    `- **T1 Flood.** ${threat}`,
    '',
    '## Feature checklist',
    '',
    '### Security & Privacy',
    '',
    `- [x] Rate limiting configured — ${item}`,
    '',
  ].join('\n');
}

describe('verify-evidence, against the report of a real jest run', () => {
  let root: string;
  let jestStatus: number | null;

  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  };
  const verify = (item: string, options: { report?: string; threat?: string } = {}) => {
    write(PLAN, plan(item, options.threat));
    return verifyProjectEvidence({
      workspaceRoot: root,
      plansDir: 'docs/features/mod',
      project: 'mod',
      report: options.report ?? REPORT,
      testTarget: 'test',
    });
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'plan-evidence-'));
    for (const [file, text] of Object.entries(FILES)) write(file, text);
    const run = spawnSync(
      process.execPath,
      [JEST, '--config', 'packages/mod/jest.config.js', '--json', `--outputFile=${REPORT}`, '--ci'],
      { cwd: root, encoding: 'utf-8', env: { ...process.env, NODE_OPTIONS: '' } },
    );
    jestStatus = run.status;
  }, 60_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is a real run: jest failed on the failing test and wrote its report', () => {
    expect(jestStatus).toBe(1);
    const report = JSON.parse(readFileSync(join(root, REPORT), 'utf-8'));
    expect(report.testResults).toHaveLength(1);
  });

  it('passes when every cited test ran and passed (an .each row by its name too)', () => {
    const result = verify('[Limiter › window › slides by 2](/packages/mod/src/limiter.spec.js)');

    expect(result.findings).toEqual([]);
    expect(result.cited.map((cited) => [cited.owner?.label, cited.outcome.kind])).toEqual([
      ['threat "T1 Flood"', 'passed'],
      ['`Rate limiting configured`', 'passed'],
    ]);
  });

  it('fails on a cited test that failed, naming the item and the failure', () => {
    const result = verify('[Limiter › forgets nothing](/packages/mod/src/limiter.spec.js)');

    expect(result.findings).toEqual([
      expect.objectContaining({
        ruleId: 'evidence/failed',
        severity: 'error',
        file: PLAN,
        line: 21,
        column: 34,
        message: expect.stringMatching(
          /^`Rate limiting configured` cites `Limiter › forgets nothing`, which failed in the last test run \(packages\/mod\/src\/limiter\.spec\.js\): expect\(received\)\.toBe\(expected\) \/\/ Object\.is equality; Expected: "remembered"; Received: "forgotten"\. What the plan claims does not hold/,
        ),
      }),
    ]);
  });

  it('fails on a test whose file testPathIgnorePatterns excludes, naming the threat', () => {
    const result = verify(
      '[Limiter › refuses the 11th request](/packages/mod/src/limiter.spec.js)',
      {
        threat: '[Excluded › would pass](/packages/mod/src/excluded.spec.js)',
      },
    );

    expect(result.findings).toEqual([
      expect.objectContaining({
        ruleId: 'evidence/not-run',
        messageId: 'fileNotRun',
        line: 15,
        column: 17,
        message:
          'threat "T1 Flood" cites `Excluded › would pass`, which did not run in the last test run: jest did not run packages/mod/src/excluded.spec.js (its configuration\'s testMatch or testRegex does not match it, testPathIgnorePatterns excludes it, or the run was filtered). Make jest run it, or cite a test that runs.',
      }),
    ]);
  });

  it('fails on a test that the run skipped', () => {
    const result = verify('[Limiter › is skipped](/packages/mod/src/limiter.spec.js)');

    expect(result.findings).toEqual([
      expect.objectContaining({ ruleId: 'evidence/not-run', messageId: 'skipped' }),
    ]);
    expect(result.findings[0].message).toContain('jest reported it "pending"');
  });

  it('fails on a test its file does not have (renamed since)', () => {
    const result = verify(
      '[Limiter › refuses the tenth request](/packages/mod/src/limiter.spec.js)',
    );

    expect(result.findings.map((f) => [f.ruleId, f.messageId])).toEqual([
      ['evidence/not-run', 'noTest'],
    ]);
  });

  it('passes on the report of a cache hit, replayed from another machine', () => {
    // Nx restores a cached output as it was written: with the absolute paths of the machine that
    // ran the tests (a remote cache, a CI agent), and a time stamp of its own.
    const restored = 'packages/mod/test-output/restored/results.json';
    mkdirSync(dirname(join(root, restored)), { recursive: true });
    cpSync(join(root, REPORT), join(root, restored));
    const text = readFileSync(join(root, restored), 'utf-8')
      .split(root)
      .join('/home/ci/agent-7/work');
    writeFileSync(join(root, restored), text);
    utimesSync(join(root, restored), new Date(0), new Date(0));
    expect(text).not.toContain(root);

    const result = verify(
      '[Limiter › refuses the 11th request](/packages/mod/src/limiter.spec.js)',
      {
        report: restored,
      },
    );

    expect(result.findings).toEqual([]);
    expect(result.cited.every((cited) => cited.outcome.kind === 'passed')).toBe(true);
  });

  it('fails, on the report file, when there is no report', () => {
    const result = verify(
      '[Limiter › refuses the 11th request](/packages/mod/src/limiter.spec.js)',
      {
        report: 'packages/mod/test-output/none.json',
      },
    );

    expect(result.findings).toEqual([
      expect.objectContaining({
        ruleId: 'evidence/no-report',
        messageId: 'missing',
        file: 'packages/mod/test-output/none.json',
        line: 1,
        column: 1,
      }),
    ]);
  });

  it('fails when the report is not a jest report', () => {
    write('packages/mod/test-output/other.json', '{"results": []}');

    const result = verify(
      '[Limiter › refuses the 11th request](/packages/mod/src/limiter.spec.js)',
      {
        report: 'packages/mod/test-output/other.json',
      },
    );

    expect(result.findings.map((f) => f.messageId)).toEqual(['invalid']);
  });
});
