/** The user behind a token or a session, as the authenticator needs them. */
export interface SignedInUser {
  userId: string;
  isActive: boolean;
  isSuperuser: boolean;
}
