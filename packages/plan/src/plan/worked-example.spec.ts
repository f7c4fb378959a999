/**
 * The repository's worked example (docs/features/identity/RequestPasswordReset) is verified by
 * `nx run identity:verify-plan` like any plan. This test pins down what the README promises of
 * it: it passes as approved, and one changed sentence makes its approval stale.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readModuleCode } from './module-code';
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

  it('stays approved when a checklist box is ticked', () => {
    const open = text.match(/^- \[ \] .+$/m)?.[0];
    expect(open).toBeDefined();

    const ticked = text.replace(open!, open!.replace('- [ ]', '- [x]'));

    expect(verifyPlan({ file: FILE, text: ticked, moduleCode })).toEqual([]);
  });
});
