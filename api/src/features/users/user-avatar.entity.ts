import { Entity, OneToOne, PrimaryKeyProp, Property } from '@mikro-orm/postgresql';
import { User } from './user.entity.js';

/**
 * A user's uploaded avatar, apart from the users row so loading a user never loads the image; the
 * row's `avatarHash` names the current one (and is its URL's last part, so the URL changes with it).
 */
@Entity({ tableName: 'user_avatars' })
export class UserAvatar {
  [PrimaryKeyProp]?: 'user';

  @OneToOne(() => User, { primary: true, mapToPk: true, owner: true, deleteRule: 'cascade' })
  user!: string;

  @Property({ length: 16 })
  contentType!: string;

  @Property({ type: 'blob' })
  bytes!: Buffer;
}
