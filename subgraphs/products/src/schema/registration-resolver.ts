import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { LocalDateScalar, type RequestContext } from '@pdo/platform';
import { registrationTimers } from '../services/registration-service.js';
import type { Loaders } from '../loaders/index.js';
import { ProductRegistration } from './types.js';

type Ctx = RequestContext<Loaders>;
type Clock = ReturnType<typeof registrationTimers>;

/**
 * A registration's timers (what is awaited, by when, overdue) are worked out only when asked for, under the
 * jurisdiction's profile as licensing last published it (its periods and its calendar with the holiday notices
 * loaded): a page that shows registration codes reads no profile.
 */
@Resolver(() => ProductRegistration)
export class ProductRegistrationResolver {
  private readonly clocks = new WeakMap<object, Promise<Clock>>();

  private clock(r: ProductRegistration, ctx: Ctx): Promise<Clock> {
    let c = this.clocks.get(r);
    if (!c) {
      c = ctx.loaders.profile.load(r.jurisdiction).then((profile) => registrationTimers(profile, { ...r }, ctx.now));
      this.clocks.set(r, c);
    }
    return c;
  }

  @FieldResolver(() => String, { nullable: true, description: '当前等待的环节 | What is awaited now' })
  async awaiting(@Root() r: ProductRegistration, @Ctx() ctx: Ctx): Promise<string | null> {
    return (await this.clock(r, ctx)).awaiting;
  }

  @FieldResolver(() => LocalDateScalar, { nullable: true, description: '当前环节到期日（工作日）| Due date of the awaited step' })
  async dueOn(@Root() r: ProductRegistration, @Ctx() ctx: Ctx): Promise<string | null> {
    return (await this.clock(r, ctx)).dueOn;
  }

  @FieldResolver(() => Boolean, { description: '当前环节是否逾期 | Whether the awaited step is overdue' })
  async overdue(@Root() r: ProductRegistration, @Ctx() ctx: Ctx): Promise<boolean> {
    return (await this.clock(r, ctx)).overdue;
  }
}
