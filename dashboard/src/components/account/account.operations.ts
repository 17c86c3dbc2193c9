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

/** The caller's sign-ins, most recently active first; each row's fields are its fragment's (sessions-section.tsx). */
export const MySessionsQuery = graphql(`
  query MySessions {
    mySessions {
      id
      current
      ...SessionRow
    }
  }
`);

/** Ends one of the caller's other sessions: its tabs and devices go back to sign-in (their sockets close with 4401). */
export const EndSessionMutation = graphql(`
  mutation EndSession($id: ID!) {
    endSession(id: $id)
  }
`);

/** Ends every session of the caller but this one; answers how many ended. */
export const EndOtherSessionsMutation = graphql(`
  mutation EndOtherSessions {
    endOtherSessions
  }
`);
