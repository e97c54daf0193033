import { graphql } from '../gql';

export const UnreadNotificationCountQuery = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

export const NotificationsQuery = graphql(`
  query Notifications {
    notifications(first: 20) {
      id hazardId hazardCode createdAt readAt
      chase { id step text issuer }
    }
  }
`);

// Answers a count, not a Notification: the bell's queries are refetched by hand after it.
export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`);
