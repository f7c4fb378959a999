/**
 * Test fixtures: the plan the feature generator wrote for `zeta`/`BookRoom` (verbatim), a
 * completed version of it, and the module code beside it (declarations only, and the specs
 * the completed plan shows: the traceability rules read nothing else).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planDigest } from '../digest';
import type { Finding } from '../finding';
import { ModuleCode, moduleCodeFromFiles } from '../module-code';
import { verifyPlan } from '../verify';

export const PLAN_FILE = 'docs/features/zeta/BookRoom/BookRoom-plan.md';

/** `nx g @mjomeet/plan:feature --module=zeta --useCase=BookRoom`'s plan, as written. */
export const GENERATED_PLAN = readFileSync(
  join(__dirname, 'generated-BookRoom-plan.md'),
  'utf-8',
);

/** The same plan, filled in by a person: every section written, status still draft. */
export const COMPLETE_DRAFT = readFileSync(
  join(__dirname, 'complete-BookRoom-plan.md'),
  'utf-8',
);

export const APPROVER = 'Ada Reviewer';
export const APPROVED_AT = '2026-11-20T10:00:00.000Z';
/** A clock after the approval, so that it is not "in the future". */
export const NOW = new Date('2026-11-25T09:00:00.000Z');

/**
 * A plan with `status: approved` and an approval of its current content, written by hand
 * (not with recordApproval, which is under test itself).
 */
export function approve(text: string, by = APPROVER, at = APPROVED_AT): string {
  const digest = planDigest(text);
  const approved = text.replace(
    /^status: draft$/m,
    `status: approved\napproval:\n  by: ${by}\n  at: ${at}\n  digest: ${digest}`,
  );
  if (approved === text) throw new Error('fixture has no `status: draft` line');
  return approved;
}

/** The complete plan, approved: it must give no finding at all. */
export const COMPLETE_PLAN = approve(COMPLETE_DRAFT);

/**
 * The code of each spec a plan shows: the ```ts block under each `### \`path.spec.ts\``
 * heading of its Unit tests section, by module-relative path.
 */
export function specCodeOf(plan: string): Record<string, string> {
  const specs: Record<string, string> = {};
  const pattern = /^### `([^`]+\.spec\.ts)`\n[^#]*?^```ts\n([\s\S]*?)^```$/gm;
  for (const [, path, code] of plan.matchAll(pattern)) specs[path] = code;
  return specs;
}

const COMPLETE_SPECS = specCodeOf(COMPLETE_DRAFT);

/** A spec as the complete plan shows it (so that the plan and the code agree). */
function completeSpec(path: string): string {
  const code = COMPLETE_SPECS[path];
  if (code === undefined) throw new Error(`the complete plan shows no ${path}`);
  return code;
}

/** The specs the generator wrote for BookRoom, in the plan's order. */
const ZETA_SPECS = [
  'src/domain/room/room.aggregate.spec.ts',
  'src/domain/room/room-id.value-object.spec.ts',
  'src/domain/room/room-name.value-object.spec.ts',
  'src/domain/room/room-booked.event.spec.ts',
  'src/domain/room/room.repository.port.spec.ts',
  'src/application/book-room/book-room.command.spec.ts',
  'src/application/book-room/book-room.handler.spec.ts',
  'src/application/book-room/on-room-booked.listener.spec.ts',
  'src/application/book-room/book-room-follow-up.scheduled-command.spec.ts',
];

/**
 * What the generator wrote into packages/zeta/src for BookRoom (module-relative paths), with
 * the specs completed as the complete plan shows them.
 */
export const ZETA_FILES: Readonly<Record<string, string>> = {
  'src/index.ts': "export * from './domain/room/room.aggregate';\n",
  'src/domain/room/room.aggregate.ts':
    'export class Room extends AggregateRoot<RoomId> {}\n',
  'src/domain/room/room-id.value-object.ts':
    'export class RoomId extends Identifier {}\n',
  'src/domain/room/room-name.value-object.ts':
    'export class RoomName extends ValueObject<{ value: string }> {}\n',
  'src/domain/room/room-booked.event.ts':
    'export type RoomBookedPayload = {\n  readonly roomName: string;\n};\n\nexport class RoomBooked extends DomainEvent<RoomBookedPayload> {}\n',
  'src/domain/room/room.repository.port.ts':
    'export interface RoomRepositoryPort extends RepositoryPort<Room, RoomId> {}\n',
  'src/application/book-room/book-room.command.ts':
    'export interface BookRoomInput {}\nexport interface BookRoomPayload {}\nexport class BookRoomCommand extends Command<BookRoomPayload> {}\n',
  'src/application/book-room/book-room.handler.ts':
    'export class BookRoomHandler implements CommandHandler<BookRoomCommand> {}\n',
  'src/application/book-room/on-room-booked.listener.ts':
    'export class OnRoomBookedListener implements DomainEventListener<RoomBooked> {}\n',
  'src/application/book-room/book-room-follow-up.scheduled-command.ts':
    'export type BookRoomFollowUpPayload = {};\nexport class BookRoomFollowUpScheduledCommand extends ScheduledCommand<BookRoomFollowUpPayload> {}\n',
  ...Object.fromEntries(ZETA_SPECS.map((path) => [path, completeSpec(path)])),
};

/** ZETA_FILES with the specs as the generator wrote them, as the generated plan shows them. */
export const GENERATED_ZETA_FILES: Readonly<Record<string, string>> = {
  ...ZETA_FILES,
  ...specCodeOf(GENERATED_PLAN),
};

export const ZETA_ROOT = 'packages/zeta';

export function zetaModule(
  files: Readonly<Record<string, string>> = ZETA_FILES,
): ModuleCode {
  return moduleCodeFromFiles(ZETA_ROOT, files);
}

/** Replaces exactly one occurrence, failing loudly if the fixture changed under the test. */
export function replaceOnce(
  text: string,
  search: string,
  replacement: string,
): string {
  const index = text.indexOf(search);
  if (index === -1 || text.indexOf(search, index + 1) !== -1) {
    throw new Error(
      `expected exactly one ${JSON.stringify(search)} in the fixture`,
    );
  }
  return text.slice(0, index) + replacement + text.slice(index + search.length);
}

/** 1-based line of the first line containing `search`. */
export function lineOf(text: string, search: string): number {
  const index = text.indexOf(search);
  if (index === -1)
    throw new Error(`${JSON.stringify(search)} is not in the fixture`);
  return text.slice(0, index).split(/\r\n|\r|\n/).length;
}

/** Verifies a variant of the complete plan the way the executor would (module code, fixed clock). */
export function verifyVariant(
  text: string,
  options: {
    moduleCode?: ModuleCode | null;
    file?: string;
    skipApproval?: boolean;
  } = {},
): Finding[] {
  return verifyPlan({
    file: options.file ?? PLAN_FILE,
    text,
    moduleCode:
      options.moduleCode === null
        ? undefined
        : (options.moduleCode ?? zetaModule()),
    skipApproval: options.skipApproval,
    now: NOW,
  });
}

/** The findings of one rule. */
export function findingsOf(
  ruleId: string,
  findings: readonly Finding[],
): Finding[] {
  return findings.filter((finding) => finding.ruleId === ruleId);
}

/** The distinct rule ids of findings, sorted. */
export function ruleIds(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((finding) => finding.ruleId))].sort();
}
