import { graphql } from '@/gql';

/** Answers the user with the new name: the cache shows it at once wherever this user is shown. */
export const UpdateProfileMutation = graphql(`
  mutation UpdateProfile($displayName: String!) {
    updateProfile(displayName: $displayName) {
      id
      displayName
    }
  }
`);

/** Ends every other session of the caller; this one stays signed in. */
export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

/** `image`: a data URL, or null to remove it. Answers the user by id: the cache shows the new avatar wherever they are shown. */
export const SetAvatarMutation = graphql(`
  mutation SetAvatar($image: String) {
    setAvatar(image: $image) {
      id
      avatarUrl
    }
  }
`);
