import { graphql } from '@/gql';

export const MyBotsQuery = graphql(`
  query MyBots {
    myBots {
      id
      displayName
      username
      botServers {
        id
        name
      }
    }
  }
`);

/** The servers a bot could be added to are those where I hold MANAGE_SERVER (the API's rule for addBotToServer). */
export const BotTargetsQuery = graphql(`
  query BotTargets {
    myServers {
      id
      name
      myPermissions
    }
  }
`);

export const CreateBotMutation = graphql(`
  mutation CreateBot($name: String!) {
    createBot(name: $name) {
      token
      bot {
        id
        displayName
      }
    }
  }
`);

export const RegenerateBotTokenMutation = graphql(`
  mutation RegenerateBotToken($botId: ID!) {
    regenerateBotToken(botId: $botId) {
      token
      bot {
        id
        displayName
      }
    }
  }
`);

export const DeleteBotMutation = graphql(`
  mutation DeleteBot($botId: ID!) {
    deleteBot(botId: $botId)
  }
`);

export const AddBotMutation = graphql(`
  mutation AddBotToServer($botId: ID!, $serverId: ID!) {
    addBotToServer(botId: $botId, serverId: $serverId) {
      user {
        id
      }
    }
  }
`);
