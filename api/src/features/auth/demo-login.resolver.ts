import { Field, Query, Resolver } from 'type-graphql';
import { ObjectType } from '../../graphql/object-type.js';
import type { Services } from '../../services.js';
import { DEMO_LOGIN } from './demo-login.js';

@ObjectType('DemoLogin', { description: 'The public first-run demo account (username and password), when it exists.' })
export class DemoLoginObject {
  @Field()
  username!: string;

  @Field()
  password!: string;
}

@Resolver(() => DemoLoginObject)
export class DemoLoginResolver {
  constructor(private readonly services: Services) {}

  /** No sign-in needed: the sign-in page asks. Null unless the seed created it and its password is unchanged. */
  @Query(() => DemoLoginObject, { nullable: true, description: 'The demo login to offer on the sign-in page, if the seed created it.' })
  async demoLogin(): Promise<DemoLoginObject | null> {
    return (await this.services.demoLogin.available()) ? { username: DEMO_LOGIN.username, password: DEMO_LOGIN.password } : null;
  }
}
