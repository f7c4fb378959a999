import { AggregateRoot } from './aggregate-root';
import { Identifier } from './identifier';

/**
 * The shape every repository port follows. Ports take ids, never raw strings, and return
 * `undefined` for "not found" so that callers decide what a missing aggregate means (a uniform
 * answer, not an enumeration oracle).
 */
export interface RepositoryPort<Aggregate extends AggregateRoot<Id>, Id extends Identifier> {
  findById(id: Id): Promise<Aggregate | undefined>;
  save(aggregate: Aggregate): Promise<void>;
}

/** An in-memory repository for tests and prototypes. Stores by id value. */
export class InMemoryRepository<Aggregate extends AggregateRoot<Id>, Id extends Identifier>
  implements RepositoryPort<Aggregate, Id>
{
  protected readonly items = new Map<string, Aggregate>();

  async findById(id: Id): Promise<Aggregate | undefined> {
    return this.items.get(id.value);
  }

  async save(aggregate: Aggregate): Promise<void> {
    this.items.set(aggregate.id.value, aggregate);
  }

  get size(): number {
    return this.items.size;
  }
}
