/**
 * The plan template and the rules read the same catalog. This renders the template as it is
 * today (with the catalog, and a use-case's artifacts and specs) and verifies the result: the
 * only findings may be the placeholders a person fills in and the missing approval. A change
 * of the template or of the catalog that makes them disagree fails here.
 */
import { render } from 'ejs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleIds, verifyVariant, ZETA_FILES, zetaModule } from './__fixtures__/plans';
import type { Artifact } from '../generators/feature/lib/artifacts';
import type { NormalizedFeatureOptions } from '../generators/feature/lib/normalize-options';
import { planSubstitutions } from '../generators/feature/lib/templates';

const TEMPLATE = join(
  __dirname,
  '..',
  'generators',
  'feature',
  'files',
  'plan',
  '__planName__-plan.md.template',
);

const ARTIFACTS = [
  { layer: 'domain', kind: 'Aggregate', name: 'Room', file: 'src/domain/room/room.aggregate.ts' },
  {
    layer: 'domain',
    kind: 'Value object',
    name: 'RoomId',
    file: 'src/domain/room/room-id.value-object.ts',
  },
  {
    layer: 'domain',
    kind: 'Value object',
    name: 'RoomName',
    file: 'src/domain/room/room-name.value-object.ts',
  },
  {
    layer: 'domain',
    kind: 'Domain event',
    name: 'RoomBooked',
    file: 'src/domain/room/room-booked.event.ts',
  },
  {
    layer: 'domain',
    kind: 'Repository port',
    name: 'RoomRepositoryPort',
    file: 'src/domain/room/room.repository.port.ts',
  },
  {
    layer: 'application',
    kind: 'Command',
    name: 'BookRoomCommand',
    file: 'src/application/book-room/book-room.command.ts',
  },
  {
    layer: 'application',
    kind: 'Handler',
    name: 'BookRoomHandler',
    file: 'src/application/book-room/book-room.handler.ts',
  },
  {
    layer: 'application',
    kind: 'Listener',
    name: 'OnRoomBookedListener',
    file: 'src/application/book-room/on-room-booked.listener.ts',
  },
  {
    layer: 'application',
    kind: 'Scheduled command',
    name: 'BookRoomFollowUpScheduledCommand',
    file: 'src/application/book-room/book-room-follow-up.scheduled-command.ts',
  },
];

/** The specs the template shows, and the module code that has them as they are shown. */
const SPECS = ARTIFACTS.map((artifact) => ({
  file: artifact.file.replace(/\.ts$/, '.spec.ts'),
  subject: artifact.file,
  code: `describe('${artifact.name}', () => {\n  it('works', () => {\n    expect(1).toBe(1);\n  });\n});\n`,
}));
const moduleCode = () =>
  zetaModule({ ...ZETA_FILES, ...Object.fromEntries(SPECS.map((spec) => [spec.file, spec.code])) });

function renderPlan(): string {
  const options = { project: 'zeta', projectName: 'zeta', useCase: { className: 'BookRoom' } };
  return render(readFileSync(TEMPLATE, 'utf-8'), {
    ...planSubstitutions(
      options as unknown as NormalizedFeatureOptions,
      ARTIFACTS as unknown as Artifact[],
      SPECS,
    ),
  });
}

describe('the plan template', () => {
  it('renders a plan that only lacks what a person writes, and the approval', () => {
    expect(ruleIds(verifyVariant(renderPlan(), { moduleCode: moduleCode() }))).toEqual([
      'approval/missing',
      'plan/placeholder',
    ]);
  });

  it('renders a threat table whose evidence placeholder fails until it is filled', () => {
    const plan = renderPlan();
    const row = plan.split('\n').find((line) => line.startsWith('| TODO(plan)'))!;
    const withoutEvidence = plan
      .replace(row, row.replace(/ TODO\(plan\) \|$/, ' |'))
      .replace(/TODO\(plan\)/g, 'Written with care.');

    expect(row).toBe('| TODO(plan) | TODO(plan) | TODO(plan) | TODO(plan) |');
    expect(plan).toMatch(/^\| Threat \| Asset \| Mitigation \| Evidence \|$/m);
    expect(
      ruleIds(verifyVariant(withoutEvidence, { moduleCode: moduleCode(), skipApproval: true })),
    ).toEqual(['evidence/missing']);
  });

  it('says above the security and testing items what evidence each wants', () => {
    const plan = renderPlan();
    const security = plan.slice(plan.indexOf('### Security & Privacy'));

    expect(security).toMatch(
      /^### Security & Privacy\n\n<!-- When you tick an item, cite the test that proves it:/,
    );
    expect(security).toContain(
      '  - Rate limiting configured: a test that the request past the limit is refused,\n    and allowed again after the window.\n',
    );
    const guidance = plan.match(/^ {2}- [^:]+:/gm)?.map((line) => line.slice(4, -1));
    expect(guidance).toEqual([
      'Threat model completed',
      'Enumeration attack prevention implemented',
      'Rate limiting configured',
      'PII protection in telemetry',
      'Consistent error responses',
      'Authentication/authorization implemented',
      'Security test cases',
      'Domain logic unit tests',
      'Integration tests for workflows',
      'Performance testing',
      'Code duplication eliminated',
    ]);
    // The items stay one tight list under each heading.
    expect(security).toMatch(/-->\n\n- \[ \] Threat model completed\n- \[ \] Enumeration/);
  });

  it('renders a plan that passes every rule once its placeholders are filled in', () => {
    const filled = renderPlan()
      .replace(
        /\| TODO\(plan\) \| TODO\(plan\) \| TODO\(plan\) \| TODO\(plan\) \|/,
        '| Flood | Rooms | Rate limit | [Room › works](/packages/zeta/src/domain/room/room.aggregate.spec.ts) |',
      )
      .replace(/TODO\(plan\)/g, 'Written with care.');

    expect(verifyVariant(filled, { moduleCode: moduleCode(), skipApproval: true })).toEqual([]);
  });
});
