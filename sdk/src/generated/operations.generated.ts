// Generated from server/openapi.json by `npm run generate -w sdk`. Do not edit.
// `npm run check:generated -w sdk` (part of `npm test`) fails when it drifts.

/** Every REST operation of the server, by OpenAPI tag: method, path template, and whether it needs no token. */
export const operationGroups = {
  health: {
    health: { method: 'get', path: '/health', public: true },
    ready: { method: 'get', path: '/ready', public: true },
  },
  auth: {
    login: { method: 'post', path: '/auth/login', public: true },
    refreshSession: { method: 'post', path: '/auth/refresh', public: true },
    logout: { method: 'post', path: '/auth/logout', public: false },
  },
  users: {
    listUsers: { method: 'get', path: '/users/', public: false },
    registerUser: { method: 'post', path: '/users/', public: true },
    getMe: { method: 'get', path: '/users/me', public: false },
    updateMe: { method: 'patch', path: '/users/me', public: false },
    getUser: { method: 'get', path: '/users/{id}', public: false },
  },
  blocks: {
    listBlocks: { method: 'get', path: '/blocks/', public: false },
    blockUser: { method: 'post', path: '/blocks/', public: false },
    unblockUser: { method: 'delete', path: '/blocks/{userId}', public: false },
  },
  locations: {
    createLocation: { method: 'post', path: '/locations/', public: false },
    batchLocations: { method: 'get', path: '/locations/batch', public: false },
    listLocations: { method: 'get', path: '/locations/{user_id}', public: false },
    nearbyUsers: { method: 'get', path: '/users/nearby', public: false },
  },
  chat: {
    listChatRooms: { method: 'get', path: '/chat/rooms/', public: false },
    createChatRoom: { method: 'post', path: '/chat/rooms/', public: false },
    getChatRoom: { method: 'get', path: '/chat/rooms/{id}', public: false },
    listChatMessages: { method: 'get', path: '/chat/rooms/{id}/messages', public: false },
    sendChatMessage: { method: 'post', path: '/chat/messages/', public: false },
    markChatRoomRead: { method: 'put', path: '/chat/rooms/{id}/read', public: false },
  },
  activities: {
    listActivities: { method: 'get', path: '/activities/', public: false },
    createActivity: { method: 'post', path: '/activities/', public: false },
    getActivity: { method: 'get', path: '/activities/{id}', public: false },
    updateActivity: { method: 'put', path: '/activities/{id}', public: false },
    cancelActivity: { method: 'delete', path: '/activities/{id}', public: false },
    joinActivity: { method: 'post', path: '/activities/{id}/join', public: false },
    leaveActivity: { method: 'post', path: '/activities/{id}/leave', public: false },
    listActivityParticipants: { method: 'get', path: '/activities/{id}/participants', public: false },
  },
  invitations: {
    listInvitations: { method: 'get', path: '/invitations/', public: false },
    createInvitation: { method: 'post', path: '/invitations/', public: false },
    getInvitation: { method: 'get', path: '/invitations/{id}', public: false },
    acceptInvitation: { method: 'put', path: '/invitations/{id}/accept', public: false },
    declineInvitation: { method: 'put', path: '/invitations/{id}/decline', public: false },
    cancelInvitation: { method: 'put', path: '/invitations/{id}/cancel', public: false },
  },
  connections: {
    listConnections: { method: 'get', path: '/connections/', public: false },
    createConnection: { method: 'post', path: '/connections/', public: false },
    getConnection: { method: 'get', path: '/connections/{id}', public: false },
    deleteConnection: { method: 'delete', path: '/connections/{id}', public: false },
  },
  ratings: {
    rateUser: { method: 'post', path: '/ratings/', public: false },
    listUserRatings: { method: 'get', path: '/ratings/user/{userId}', public: false },
  },
  realtime: {
    createWsTicket: { method: 'post', path: '/auth/ws-ticket', public: false },
  },
} as const;
