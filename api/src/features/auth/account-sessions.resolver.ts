import { Arg, Authorized, Field, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { CurrentViewer } from '../../graphql/authorize.js';
import type { Viewer } from '../../graphql/context.js';
import { ObjectType } from '../../graphql/object-type.js';
import { DateTimeScalar } from '../../graphql/scalars.js';
import { unpagedListCost } from '../../graphql/limits.js';
import type { Services } from '../../services.js';

@ObjectType('AccountSession', { description: "One of the signed-in person's sessions (a sign-in on some device)." })
export class AccountSessionObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true, description: 'The User-Agent it signed in with (at most 256 characters), if one was sent.' })
  client!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { description: 'When it last made a request or opened a connection, to the minute.' })
  lastActiveAt!: Date;

  @Field({ description: 'Whether this is the session asking.' })
  current!: boolean;
}

/** People only: a bot's one session is its token (FORBIDDEN, permission PERSON). */
@Resolver()
export class AccountSessionsResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @Query(() => [AccountSessionObject], { description: 'Your sessions, most recently active first.', complexity: unpagedListCost })
  mySessions(@CurrentViewer() viewer: Viewer) {
    return this.services.accountSessions.list(viewer);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends one of your sessions (this one too: that signs you out). Its sockets close with 4401.' })
  async endSession(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer): Promise<boolean> {
    await this.services.accountSessions.end(viewer, { id });
    return true;
  }

  @Authorized()
  @Mutation(() => Int, { description: 'Ends all your sessions but this one; how many ended.' })
  endOtherSessions(@CurrentViewer() viewer: Viewer): Promise<number> {
    return this.services.accountSessions.endOthers(viewer);
  }
}
