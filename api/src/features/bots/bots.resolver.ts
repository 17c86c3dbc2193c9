import { Arg, Authorized, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';
import { CurrentViewer, GrantedServer, RequirePermission, serverArg } from '../../graphql/authorize.js';
import type { Viewer } from '../../graphql/context.js';
import type { Services } from '../../services.js';
import type { ServerAccess } from '../access/access.service.js';
import { MemberObject } from '../members/member.object.js';
import type { MemberView } from '../members/member.view.js';
import { UserObject } from '../users/user.object.js';
import type { UserView } from '../users/user.view.js';
import type { BotCredentials } from './bots.service.js';
import { unpagedListCost } from '../../graphql/limits.js';

@ObjectType('BotCredentials')
export class BotCredentialsObject {
  @Field(() => UserObject)
  bot!: UserView;

  @Field({ description: 'Shown once; use as "Authorization: Bot <token>".' })
  token!: string;
}

@Resolver()
export class BotsResolver {
  constructor(private readonly services: Services) {}

  @Authorized()
  @Query(() => [UserObject], { complexity: unpagedListCost })
  myBots(@CurrentViewer() viewer: Viewer): Promise<UserView[]> {
    return this.services.bots.mine(viewer.userId);
  }

  @Authorized()
  @Mutation(() => BotCredentialsObject)
  createBot(@Arg('name') name: string, @CurrentViewer() viewer: Viewer): Promise<BotCredentials> {
    return this.services.bots.create(viewer.userId, { name });
  }

  /** Ends every session of the bot at once (open sockets included) and issues a new token. */
  @Authorized()
  @Mutation(() => BotCredentialsObject)
  regenerateBotToken(@Arg('botId', () => ID) botId: string, @CurrentViewer() viewer: Viewer): Promise<BotCredentials> {
    return this.services.bots.regenerateToken(viewer.userId, botId);
  }

  /** Only the bot's owner; the bot leaves every server and its connections close. */
  @Authorized()
  @Mutation(() => Boolean)
  async deleteBot(@Arg('botId', () => ID) botId: string, @CurrentViewer() viewer: Viewer): Promise<boolean> {
    await this.services.bots.delete(viewer.userId, botId);
    return true;
  }

  @RequirePermission('MANAGE_SERVER', serverArg('serverId'))
  @Mutation(() => MemberObject)
  addBotToServer(
    @Arg('botId', () => ID) botId: string,
    @Arg('serverId', () => ID) _serverId: string,
    @GrantedServer() access: ServerAccess,
  ): Promise<MemberView> {
    return this.services.bots.addToServer(access, botId);
  }
}
