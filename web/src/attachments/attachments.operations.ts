import { graphql } from '../gql';

export const HazardAttachmentsQuery = graphql(`
  query HazardAttachments($id: ID!) {
    hazard(id: $id) {
      id
      viewerMayAttach
      attachments { id kind contentType fileName url thumbnailUrl createdAt }
    }
  }
`);
