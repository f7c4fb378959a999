/**
 * `evidence/no-report`: the module's test run left its machine-readable report where
 * verify-evidence reads it, as an output of the test target (so that a cache hit restores it).
 */
import type { RunRule } from '../rule';
import { docsOf } from '../rule';

const START = { line: 1, column: 1 };

export const evidenceNoReport: RunRule = {
  scope: 'run',
  meta: {
    id: 'evidence/no-report',
    severity: 'error',
    description:
      "The module's test target writes jest's --json report as one of its outputs, and the report of its last run can be read.",
    tags: ['evidence', 'tests', 'gate'],
    docs: docsOf('evidence/no-report'),
    messages: {
      missing:
        "There is no report of the last test run at {{report}}: the `{{target}}` target of {{project}} must write jest's results there (`jest --json --outputFile={{report}}`) and list it among its outputs. Set it up with nx g @mjomeet/plan:init, then run nx run {{project}}:verify-evidence.",
      unreadable: 'The report of the last test run, {{report}}, cannot be read ({{detail}}).',
      invalid:
        "{{report}} is not the report of a test run: {{detail}}. The `{{target}}` target must write jest's `--json` results there (`--json --outputFile={{report}}`).",
      'not-an-output':
        'The `{{target}}` target of {{project}} does not list {{report}} among its outputs ({{detail}}), so a cache hit would not restore the report of the run it replays, and an older report could be read. Add it to the outputs, or run nx g @mjomeet/plan:init.',
      'no-target':
        "{{project}} has no `{{target}}` target, so nothing runs the tests its plans cite ({{detail}}). Give it one that runs jest and writes {{report}}, or name the target in the plugin's options (evidence.testTarget).",
    },
  },
  check(run, report) {
    const problem = run.reportProblem;
    if (!problem) return;
    report(run.report, START, problem.kind, {
      report: run.report,
      target: run.testTarget,
      project: run.project,
      detail: problem.detail,
    });
  },
};
