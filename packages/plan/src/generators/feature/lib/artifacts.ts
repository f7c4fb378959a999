import { joinPathFragments } from '@nx/devkit';
import type { NormalizedFeatureOptions } from './normalize-options';
import type { Names } from './names';

export type ArtifactLayer = 'domain' | 'application';

/** One thing a use-case is made of: a row of the plan's domain or application table. */
export interface Artifact {
  readonly layer: ArtifactLayer;
  /** The plan's "Kind" column: `Value object`, `Aggregate`, ... */
  readonly kind: string;
  /** The exported declaration the plan names, e.g. `MeetingId`. */
  readonly name: string;
  /** The source file, relative to the module's project root. */
  readonly file: string;
  /** The spec beside it, relative to the module's project root. */
  readonly spec: string;
  /** Whether other use-cases of the aggregate share it (it is extended, never regenerated). */
  readonly shared: boolean;
}

/** The listener of a use-case reacts to its first event. */
export function listenerNames(options: NormalizedFeatureOptions): Names | undefined {
  if (options.scheduledCommands.length === 0) return undefined;
  const event = options.events[0];
  return {
    className: `On${event.className}`,
    propertyName: `on${event.className}`,
    fileName: `on-${event.fileName}`,
    constantName: `ON_${event.constantName}`,
    words: ['on', ...event.words],
  };
}

/** Everything the use-case is made of, in the order the plan lists it. */
export function useCaseArtifacts(options: NormalizedFeatureOptions): Artifact[] {
  const { domainDir, applicationDir, aggregate, aggregateId, useCase } = options;
  const domain = (kind: string, name: string, base: string, shared: boolean): Artifact =>
    make('domain', kind, name, joinPathFragments(domainDir, base), shared);
  const application = (kind: string, name: string, base: string): Artifact =>
    make('application', kind, name, joinPathFragments(applicationDir, base), false);
  const listener = listenerNames(options);

  return [
    domain('Aggregate', aggregate.className, `${aggregate.fileName}.aggregate`, true),
    domain('Value object', aggregateId.className, `${aggregateId.fileName}.value-object`, true),
    ...options.valueObjects.map((vo) =>
      domain('Value object', vo.className, `${vo.fileName}.value-object`, true),
    ),
    ...options.events.map((event) =>
      domain('Domain event', event.className, `${event.fileName}.event`, false),
    ),
    domain(
      'Repository port',
      `${aggregate.className}RepositoryPort`,
      `${aggregate.fileName}.repository.port`,
      true,
    ),
    application('Command', `${useCase.className}Command`, `${useCase.fileName}.command`),
    application('Handler', `${useCase.className}Handler`, `${useCase.fileName}.handler`),
    ...(listener
      ? [application('Listener', `${listener.className}Listener`, `${listener.fileName}.listener`)]
      : []),
    ...options.scheduledCommands.map((sc) =>
      application(
        'Scheduled command',
        `${sc.className}ScheduledCommand`,
        `${sc.fileName}.scheduled-command`,
      ),
    ),
  ];
}

function make(
  layer: ArtifactLayer,
  kind: string,
  name: string,
  base: string,
  shared: boolean,
): Artifact {
  return { layer, kind, name, file: `${base}.ts`, spec: `${base}.spec.ts`, shared };
}
