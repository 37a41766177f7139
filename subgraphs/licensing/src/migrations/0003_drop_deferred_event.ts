import { Migration } from '@pdo/platform';

/** Handlers now publish in their own transaction (EventHandlerContext.publish): the relay table is obsolete. */
export class Migration0003DropDeferredEvent extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop table if exists deferred_event;`);
  }
}
