// Generated from server/openapi.json by `npm run generate -w sdk`. Do not edit.
// `npm run check:generated -w sdk` (part of `npm test`) fails when it drifts.

export interface paths {
    "/activities/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search activities
         * @description Soonest first (by `startTime`, then id). By default only activities that are neither cancelled nor over. Filters combine: text, tags (any of), a time window, a distance from a point, creator, participant, and `mine` for those you created, joined or wait for. Activities of someone you blocked or who blocked you are left out.
         */
        get: operations["listActivities"];
        put?: never;
        /**
         * Create an activity
         * @description You take its first place (`currentParticipants` is 1). `creatorId` is you (optional). `endTime` must be after `startTime` and in the future (422). Give `latitude` and `longitude` together to be found by distance.
         */
        post: operations["createActivity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/activities/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An activity
         * @description Cancelled ones too (`isActive` false). A blocked pair get 404 for each other's activities.
         */
        get: operations["getActivity"];
        /**
         * Change an activity
         * @description Creator only (403 for others); the fields given change, the others stay. A cancelled or finished activity is 409 ACTIVITY_CLOSED. `maxParticipants` below the places taken is 409 CAPACITY_BELOW_PARTICIPANTS; a higher one gives the new places to the waitlist at once. Participants, the waitlist and pending invitees receive `activity.updated`.
         */
        put: operations["updateActivity"];
        post?: never;
        /**
         * Cancel an activity
         * @description Creator only (403 for others). The activity stays readable with `isActive` false; participants and the waitlist receive `activity.cancelled`, and pending invitations to it are cancelled. Cancelling it again changes nothing.
         */
        delete: operations["cancelActivity"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/activities/{id}/join": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Join an activity
         * @description Takes a free place, or puts you on the waitlist when it is full (`participant.status` WAITLISTED, with your position); the first in line gets the next place that frees up and receives `waitlist.promoted`. Joining again returns your place with 200. A cancelled or finished activity is 409 ACTIVITY_CLOSED. Participants receive `participant.joined`.
         */
        post: operations["joinActivity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/activities/{id}/leave": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Leave an activity
         * @description Gives up your place (or your spot on the waitlist); the first in line takes the place in the same transaction. Not taking part is 409 NOT_PARTICIPANT; the creator cannot leave (422: cancel it instead). Participants receive `participant.left`.
         */
        post: operations["leaveActivity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/activities/{id}/participants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Participants or waitlist of an activity
         * @description JOINED participants in the order they got their place, or with `status=WAITLISTED` the waitlist in order, first in line first.
         */
        get: operations["listActivityParticipants"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with email and password */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the current session
         * @description Revokes the session of the access token and every refresh token of it.
         */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for new tokens (rotation)
         * @description A refresh token works once. Reusing one revokes its whole session.
         */
        post: operations["refreshSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/ws-ticket": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get a ticket for opening the WebSocket
         * @description Browsers cannot set headers on a WebSocket. Open `/ws?ticket=<ticket>`, or offer the subprotocols `icebreaker.v1` and `ticket.<ticket>`. The ticket works once, for 30 seconds.
         */
        post: operations["createWsTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/blocks/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The users you blocked
         * @description Newest first.
         */
        get: operations["listBlocks"];
        put?: never;
        /**
         * Block a user
         * @description A blocked pair no longer see each other in user lists or nearby results, and cannot invite or message each other. The blocked user gets 404 for your profile; you can still open theirs, to recognise and unblock them. Blocking someone already blocked returns the existing block with 200.
         */
        post: operations["blockUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/blocks/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Unblock a user */
        delete: operations["unblockUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/chat/messages/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a message
         * @description Participants only (404 otherwise); a blocked pair gets 403. With a `clientMessageId`, a retry with the same body returns the first message with 200 and stores nothing twice; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. Both participants receive a `message.created` event.
         */
        post: operations["sendChatMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/chat/rooms/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your chat rooms
         * @description Latest activity first (the last message, or the opening of a room without messages).
         */
        get: operations["listChatRooms"];
        put?: never;
        /**
         * Open a chat room with someone
         * @description One room per pair: when you two already share one, it is returned with 200. `participant1Id` is you (optional); `participant2Id` is the other person. A blocked pair (either way) gets 403; yourself, 422.
         */
        post: operations["createChatRoom"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/chat/rooms/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A chat room
         * @description Only for its participants; to anyone else it does not exist (404).
         */
        get: operations["getChatRoom"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/chat/rooms/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Chat history
         * @description Ordered by the room's `seq`. Without an anchor, or with `before`, pages go backwards (newest first); with `after` they go forwards (oldest first). `nextCursor` continues in the same direction; give at most one of `before`, `after` and `cursor`.
         */
        get: operations["listChatMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/chat/rooms/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Move your read pointer
         * @description Marks every message up to `lastReadSeq` as read. The pointer only moves forward: a lower value changes nothing and returns the current one. A seq past the last message is 422. Both participants receive a `messages.read` event when it moved.
         */
        put: operations["markChatRoomRead"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The name cards you collected
         * @description Newest first, each with the collected user's name card. Filter by part of their name. People in a blocked pair with you are left out.
         */
        get: operations["listConnections"];
        put?: never;
        /**
         * Collect someone's name card
         * @description You must have met: a chat room you share, or an activity you have both joined (403 NOT_MET); with `meetingId`, that activity. Not yourself (422), not someone in a blocked pair with you (403), and once per person (409 ALREADY_CONNECTED). From then on you see their name card on their profile. They and you receive `connection.created`.
         */
        post: operations["createConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A name card you collected
         * @description Only for its collector; to anyone else it does not exist (404).
         */
        get: operations["getConnection"];
        put?: never;
        post?: never;
        /**
         * Give a name card back
         * @description Collector only (404 for anyone else). Their name card is hidden from you again. Your devices receive `connection.deleted`; the other person is not told.
         */
        delete: operations["deleteConnection"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is up */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invitations/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your invitations, sent and received
         * @description Newest first. Filter by `role` (sent or received) and `status`; a pending invitation past its expiry is EXPIRED here as everywhere.
         */
        get: operations["listInvitations"];
        put?: never;
        /**
         * Invite someone to an activity
         * @description You must have joined the activity (403 otherwise), and it must be open (409 ACTIVITY_CLOSED). The receiver must exist (404), not be you (422), not be in a blocked pair with you (403) and not have joined already (409 ALREADY_PARTICIPANT). One pending invitation per sender, receiver and activity (409 ALREADY_INVITED). It expires at the earlier of its lifetime (24 h by default) and the activity's start. Both of you receive `invitation.created`.
         */
        post: operations["createInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invitations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An invitation
         * @description Only for its sender and receiver; to anyone else it does not exist (404).
         */
        get: operations["getInvitation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invitations/{id}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Accept an invitation
         * @description Receiver only (403 for the sender, 404 for anyone else). In one transaction: the invitation must be pending (409 INVITATION_NOT_PENDING) and unexpired (409 INVITATION_EXPIRED); you take a place in the activity (409 ACTIVITY_FULL if there is none); the pair's chat room is opened, or the one you share reused, and its id set as `chatRoomId`. Nothing changes when any step fails. Accepting again returns the accepted invitation. Both of you receive `invitation.updated`.
         */
        put: operations["acceptInvitation"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invitations/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Cancel an invitation you sent
         * @description Sender only (403 for the receiver, 404 for anyone else); it must be pending and unexpired (409). Cancelling again returns it unchanged. Both of you receive `invitation.updated`.
         */
        put: operations["cancelInvitation"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invitations/{id}/decline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Decline an invitation
         * @description Receiver only (403 for the sender, 404 for anyone else); it must be pending and unexpired (409). Declining again returns it unchanged. Both of you receive `invitation.updated`.
         */
        put: operations["declineInvitation"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/locations/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record your position
         * @description Stores the fix in your history and updates your position. Others only ever see your published cell (about 500 m), which moves only when a fix lies clearly outside it.
         */
        post: operations["createLocation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/locations/{user_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your location history
         * @description Exact fixes, newest first. Only the owner may read them.
         */
        get: operations["listLocations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/locations/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Published positions of several users
         * @description For each listed user who shares their position with you (discoverable, distance not hidden, not blocked either way, or yourself): the centre of their published cell, never an exact position.
         */
        get: operations["batchLocations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ratings/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rate someone after an activity
         * @description You and they must both have joined the activity (`meetingId`; 403 NOT_MET), which must have started (409 ACTIVITY_NOT_STARTED) and not be cancelled (409 ACTIVITY_CLOSED). Once per person and activity (409 ALREADY_RATED); not yourself (422), not someone in a blocked pair with you (403). Double-blind: the rating stays hidden from them and everyone else (`pending`) until they rate you back for the same activity or the blind period (14 days by default) ends. If they had rated you, both ratings become visible now and each of you receives `rating.received`; otherwise they receive it when the blind period ends. Once their rating of you has become visible that way, you can no longer rate them for that activity (409 RATING_CLOSED).
         */
        post: operations["rateUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ratings/user/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's ratings
         * @description The visible ratings of the user, newest first, with their average, count and distribution of stars. Your own ratings of them that are still hidden are listed too, marked `pending`, and not counted. A user who blocked you is not found (404).
         */
        get: operations["listUserRatings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database and the event bus answer */
        get: operations["ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users
         * @description Filter by name, interest or ids; newest first.
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Register
         * @description Creates an account and returns it with a new session.
         */
        post: operations["registerUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user profile */
        get: operations["getUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your own profile */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update your profile and settings */
        patch: operations["updateMe"];
        trace?: never;
    };
    "/users/nearby": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Users seen recently near you
         * @description Around your last position, or a point close to it. Radius, order and distance all use cell centres; the distance is a bucket, null for users who hide it.
         */
        get: operations["nearbyUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ws": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Open the real-time WebSocket
         * @description Upgrade to a WebSocket of JSON frames `{type, data, cursor?}`. Authenticate with a ticket from `POST /auth/ws-ticket` (query `ticket`, or the subprotocols `icebreaker.v1` and `ticket.<ticket>`), or send `{"type":"auth","data":{"token":"<access token>"}}` first; a socket not authenticated within 5 seconds is closed with 4401. Durable events carry `cursor`: reconnect with the last one applied to receive each missed event once, in order; a cursor outside the retention window gets `resync.required`. `ready` ends the backlog.
         */
        get: operations["openWebSocket"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** ActivityRead */
        Activity: {
            /** Format: date-time */
            createdAt: string;
            creatorId: number;
            /** @description Places taken; never more than maxParticipants */
            currentParticipants: number;
            description: string;
            /** Format: date-time */
            endTime: string;
            id: number;
            /** @description False once the creator cancelled it */
            isActive: boolean;
            latitude: number | null;
            location: string;
            longitude: number | null;
            maxParticipants: number;
            /** Format: date-time */
            startTime: string;
            tags: string[];
            title: string;
            /** Format: date-time */
            updatedAt: string;
        };
        /** ActivityParticipant */
        ActivityParticipant: {
            activityId: number;
            /** @description Null while on the waitlist */
            joinedAt: string | null;
            /** @enum {unknown} */
            status: "JOINED" | "WAITLISTED";
            userId: number;
            /** @description 1 for the head of the waitlist; null once joined */
            waitlistPosition: number | null;
        };
        /** ActivityParticipation */
        ActivityParticipation: {
            activity: components["schemas"]["Activity"];
            participant: components["schemas"]["ActivityParticipant"];
        };
        /** AuthSession */
        AuthSession: {
            accessToken: string;
            /** Format: date-time */
            accessTokenExpiresAt: string;
            /** @description Single use: each refresh returns a new one */
            refreshToken: string;
            /** Format: date-time */
            refreshTokenExpiresAt: string;
            /** @enum {string} */
            tokenType: "Bearer";
            user: components["schemas"]["User"];
        };
        /** Block */
        Block: {
            /** Format: date-time */
            createdAt: string;
            /** @description The blocked user, or null while they have blocked you too */
            user: components["schemas"]["User"] | null;
            /** @description The blocked user */
            userId: number;
        };
        /** ChatMessageRead */
        ChatMessage: {
            chatRoomId: number;
            /** @description The sender's idempotency key */
            clientMessageId: string | null;
            content: string;
            /** Format: date-time */
            createdAt: string;
            id: number;
            /** @description Your own message: the other participant has read it. Theirs: you have read it. */
            isRead: boolean;
            /** @enum {unknown} */
            messageType: "TEXT" | "IMAGE";
            senderId: number;
            /** @description Position in the room, 1, 2, 3, ... with no gaps; the only order */
            seq: number;
        };
        /** ChatReadPointer */
        ChatReadPointer: {
            chatRoomId: number;
            /** @description Every message up to this seq counts as read */
            lastReadSeq: number;
            unreadCount: number;
            userId: number;
        };
        /** ChatRoomRead */
        ChatRoom: {
            /** Format: date-time */
            createdAt: string;
            id: number;
            invitationId: number | null;
            /** @description Null while the room is empty */
            lastMessage: components["schemas"]["ChatMessage"] | null;
            lastMessageAt: string | null;
            participant1Id: number;
            participant2Id: number;
            /** @description Messages from the other participant you haven't read */
            unreadCount: number;
        };
        /** ConnectionRead */
        Connection: {
            /** Format: date-time */
            collectedAt: string;
            /** @description Whose card it is */
            collectedId: number;
            /** @description Who collected the card: you */
            collectorId: number;
            id: number;
            /** @description The activity where you met, when you named one */
            meetingId: number | null;
            user: components["schemas"]["User"];
        };
        /** InvitationRead */
        Invitation: {
            activityId: number;
            /** @description Once accepted: the pair's chat room (opened, or the one they already had) */
            chatRoomId: number | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string;
            iceBreakerQuestion: string | null;
            id: number;
            message: string | null;
            receiverId: number;
            /** @description When it was accepted, declined or cancelled */
            respondedAt: string | null;
            senderId: number;
            /**
             * @description EXPIRED as soon as `expiresAt` passes while it was PENDING
             * @enum {unknown}
             */
            status: "PENDING" | "ACCEPTED" | "DECLINED" | "CANCELLED" | "EXPIRED";
        };
        /** NameCard */
        NameCard: {
            company: string | null;
            jobTitle: string | null;
            links: {
                label: string;
                /** Format: uri */
                url: string;
            }[];
        };
        /** Problem */
        Problem: {
            /**
             * @description Stable machine-readable error code
             * @example VALIDATION_FAILED
             */
            code: string;
            detail: string;
            /** @description The offending fields, for validation errors */
            errors?: {
                field: string;
                message: string;
            }[];
            instance?: string;
            status: number;
            title: string;
            /** @description A URI naming the kind of problem */
            type: string;
        } & {
            [key: string]: unknown;
        };
        /** RatingRead */
        Rating: {
            comment: string | null;
            /** Format: date-time */
            createdAt: string;
            id: number;
            /** @description The activity they both took part in */
            meetingId: number;
            /** @description Still hidden from everyone but you, its rater: the rated user has not rated you back yet */
            pending: boolean;
            ratedId: number;
            raterId: number;
            /** @description 1 to 5 stars */
            rating: number;
            /**
             * Format: date-time
             * @description When it became, or will at the latest become, visible to the rated user and others
             */
            visibleAt: string;
        };
        /** User */
        User: {
            avatarUrl: string | null;
            bio: string;
            /** Format: date-time */
            createdAt: string;
            displayName: string;
            /** @description Only on your own profile */
            email?: string;
            /** @description Only on your own profile */
            hideDistance?: boolean;
            id: number;
            interests: string[];
            /** @description Only on your own profile */
            isDiscoverable?: boolean;
            nameCard?: components["schemas"]["NameCard"];
            /**
             * RatingSummary
             * @description On profile reads (`/users/`, `/users/{id}`, `/users/me`): ratings others can see; hidden ones never count
             */
            ratingSummary?: {
                /** @description Mean of the visible ratings, to two decimals; null when there is none */
                average: number | null;
                /** @description Visible ratings */
                count: number;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listActivities: {
        parameters: {
            query?: {
                /** @description true (default): not cancelled and not over; false: cancelled or over */
                active?: boolean;
                /** @description Only activities this user created */
                creatorId?: number;
                /** @description Opaque cursor from `nextCursor` */
                cursor?: string;
                /** @description Only activities still running at or after this time */
                from?: string;
                /** @description Search point; give lat and lon together */
                lat?: number;
                /** @description Page size (at most 100) */
                limit?: number;
                /** @description Search point; give lat and lon together */
                lon?: number;
                /** @description Only activities you created, joined or wait for (true); false is ignored */
                mine?: boolean;
                /** @description Only activities this user has joined */
                participantId?: number;
                /** @description Text in the title, description or location */
                q?: string;
                /** @description Metres around lat/lon (default 10000); activities without coordinates are left out */
                radius?: number;
                /** @description Comma-separated tags (at most 10); an activity with any of them matches */
                tags?: string;
                /** @description Only activities starting before this time */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Activity"][];
                        /** @description Cursor of the next page, or null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createActivity: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description You; optional, and must be your own id when given */
                    creatorId?: number;
                    description?: string;
                    /**
                     * Format: date-time
                     * @description When it ends; after startTime and in the future
                     */
                    endTime: string;
                    /** @description Degrees north; give both or neither */
                    latitude?: number | null;
                    /** @description Where to meet, as people would say it */
                    location?: string;
                    /** @description Degrees east; give both or neither */
                    longitude?: number | null;
                    /** @description Places, the creator included */
                    maxParticipants: number;
                    /**
                     * Format: date-time
                     * @description When it starts
                     */
                    startTime: string;
                    /** @description Stored trimmed and lower-cased, without repeats */
                    tags?: string[];
                    title: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Activity"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A rule is violated */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getActivity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The activity */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Activity"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateActivity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The activity */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description You; optional, and must be your own id when given */
                    creatorId?: number;
                    description?: string;
                    /**
                     * Format: date-time
                     * @description When it ends; after startTime and in the future
                     */
                    endTime?: string;
                    /** @description Degrees north; give both or neither */
                    latitude?: number | null;
                    /** @description Where to meet, as people would say it */
                    location?: string;
                    /** @description Degrees east; give both or neither */
                    longitude?: number | null;
                    /** @description Places, the creator included */
                    maxParticipants?: number;
                    /**
                     * Format: date-time
                     * @description When it starts
                     */
                    startTime?: string;
                    /** @description Stored trimmed and lower-cased, without repeats */
                    tags?: string[];
                    title?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Activity"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A rule is violated */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelActivity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The activity */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cancelled */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    joinActivity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The activity */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description You already were there */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivityParticipation"];
                };
            };
            /** @description Joined, or put on the waitlist */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivityParticipation"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    leaveActivity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The activity */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Activity"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A rule is violated */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listActivityParticipants: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `nextCursor` */
                cursor?: string;
                /** @description Page size (at most 100) */
                limit?: number;
                /** @description JOINED (default) in the order they joined, or WAITLISTED in waitlist order */
                status?: "JOINED" | "WAITLISTED";
            };
            header?: never;
            path: {
                /** @description The activity */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ActivityParticipant"][];
                        /** @description Cursor of the next page, or null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthSession"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Logged out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    refreshSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refreshToken: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthSession"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createWsTicket: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        expiresAt: string;
                        /** @description Single use; opens one socket within 30 seconds */
                        ticket: string;
                    };
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listBlocks: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `nextCursor` */
                cursor?: string;
                /** @description Page size (at most 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Block"][];
                        /** @description Cursor of the next page, or null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    blockUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The user to block */
                    userId: number;
                };
            };
        };
        responses: {
            /** @description Already blocked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Block"];
                };
            };
            /** @description Blocked */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Block"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A rule is violated */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    unblockUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The blocked user */
                userId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Unblocked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    sendChatMessage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    chatRoomId: number;
                    /** @description Idempotency key, unique per sender (a UUID, say). A retry with the same key and body returns the first message; the same key with another body is refused. */
                    clientMessageId?: string;
                    /** @description TEXT: 1 to 4000 characters, not only blanks. IMAGE: an https URL. */
                    content: string;
                    /**
                     * @default TEXT
                     * @enum {unknown}
                     */
                    messageType?: "TEXT" | "IMAGE";
                    /** @description You; optional, and must be your own id when given */
                    senderId?: number;
                };
            };
        };
        responses: {
            /** @description Already sent with this clientMessageId */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatMessage"];
                };
            };
            /** @description Sent */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatMessage"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listChatRooms: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `nextCursor` */
                cursor?: string;
                /** @description Page size (at most 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ChatRoom"][];
                        /** @description Cursor of the next page, or null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createChatRoom: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The invitation this room comes from */
                    invitationId?: number;
                    /** @description You; optional, and must be your own id when given */
                    participant1Id?: number;
                    /** @description The other person */
                    participant2Id: number;
                };
            };
        };
        responses: {
            /** @description The room you two already share */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatRoom"];
                };
            };
            /** @description Opened */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatRoom"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A rule is violated */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getChatRoom: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The chat room */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatRoom"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listChatMessages: {
        parameters: {
            query?: {
                /** @description Messages with a higher seq, oldest first */
                after?: number;
                /** @description Messages with a lower seq, newest first (the default, from the newest) */
                before?: number;
                /** @description Opaque cursor from `nextCursor` */
                cursor?: string;
                /** @description Page size (at most 100) */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The chat room */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ChatMessage"][];
                        /** @description Cursor of the next page, or null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    markChatRoomRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The chat room */
                id: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The seq of the newest message read; a lower value than before changes nothing */
                    lastReadSeq: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChatReadPointer"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A rule is violated */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listConnections: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `nextCursor` */
                cursor?: string;
                /** @description Page size (at most 100) */
                limit?: number;
                /** @description Part of the collected user's display name */
                name?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Connection"][];
                        /** @description Cursor of the next page, or null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createConnection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Whose card you collect */
                    collectedId: number;
                    /** @description You; optional, and must be your own id when given */
                    collectorId?: number;
                    /** @description An activity you have both joined. Without it, any chat room or activity you share will do */
                    meetingId?: number | null;
                };
            };
        };
        responses: {
            /** @description Collected */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connection"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A rule is violated */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The connection */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Connection"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    deleteConnection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The connection */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checks?: {
                            [key: string]: string;
                        };
                        status: string;
                    };
                };
            };
        };
    };
    listInvitations: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `nextCursor` */
                cursor?: string;
                /** @description Page size (at most 100) */
                limit?: number;
                /** @description Only those you sent, or received; both by default */
                role?: "sent" | "received";
                status?: "PENDING" | "ACCEPTED" | "DECLINED" | "CANCELLED" | "EXPIRED";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Invitation"][];
                        /** @description Cursor of the next page, or null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createInvitation: {
        parameters: {
            query?: never;
            header?: {
                /** @description Unique per sender (a UUID, say). A retry with the same key and body returns the first invitation; the same key with another body is 409 IDEMPOTENCY_KEY_REUSED. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description An open activity you have joined */
                    activityId: number;
                    /**
                     * Format: date-time
                     * @description Defaults to the earlier of the invitation lifetime (24 h) and the activity's start (its end once started); may only be earlier than that, and in the future
                     */
                    expiresAt?: string;
                    /** @description At most 300 characters */
                    iceBreakerQuestion?: string | null;
                    /** @description At most 500 characters */
                    message?: string | null;
                    /** @description Who you invite */
                    receiverId: number;
                    /** @description You; optional, and must be your own id when given */
                    senderId?: number;
                };
            };
        };
        responses: {
            /** @description Already sent with this Idempotency-Key */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            /** @description Sent */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A rule is violated */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The invitation */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    acceptInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The invitation */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The invitation */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    declineInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The invitation */
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createLocation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Radius of uncertainty in metres
                     * @default 50
                     */
                    accuracy?: number;
                    /** @description Degrees north (WGS 84) */
                    latitude: number;
                    /** @description Degrees east (WGS 84) */
                    longitude: number;
                    /**
                     * Format: date-time
                     * @description When the device took the fix; now if absent. At most 24 h old and not in the future.
                     */
                    recordedAt?: string;
                    /** @description Optional; when present it must be your own id */
                    userId?: number;
                };
            };
        };
        responses: {
            /** @description An exact fix; only ever shown to its owner */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Metres */
                        accuracy: number;
                        /** Format: date-time */
                        createdAt: string;
                        id: number;
                        latitude: number;
                        longitude: number;
                        /** Format: date-time */
                        recordedAt: string;
                        userId: number;
                    };
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A rule is violated */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listLocations: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `nextCursor` */
                cursor?: string;
                /** @description Page size (at most 100) */
                limit?: number;
            };
            header?: never;
            path: {
                user_id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description Metres */
                            accuracy: number;
                            /** Format: date-time */
                            createdAt: string;
                            id: number;
                            latitude: number;
                            longitude: number;
                            /** Format: date-time */
                            recordedAt: string;
                            userId: number;
                        }[];
                        /** @description Cursor of the next page, or null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    batchLocations: {
        parameters: {
            query: {
                /** @description Comma-separated user ids (at most 100) */
                userIds: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Only users who share their position with you; others are left out */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The position is only known to within a cell of this size */
                            cellSizeMeters: number;
                            /** @description Centre of the published cell, not the exact position */
                            latitude: number;
                            /** @description Centre of the published cell, not the exact position */
                            longitude: number;
                            /**
                             * Format: date-time
                             * @description When the published cell last changed
                             */
                            updatedAt: string;
                            userId: number;
                        }[];
                    };
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rateUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description At most 1000 characters */
                    comment?: string | null;
                    /** @description An activity that has started, which you have both joined */
                    meetingId: number;
                    /** @description Whom you rate */
                    ratedId: number;
                    /** @description You; optional, and must be your own id when given */
                    raterId?: number;
                    /** @description 1 to 5 stars */
                    rating: number;
                };
            };
        };
        responses: {
            /** @description Rated */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rating"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A rule is violated */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUserRatings: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `nextCursor` */
                cursor?: string;
                /** @description Page size (at most 100) */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The rated user */
                userId: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Mean of the visible ratings, to two decimals; null when there is none */
                        average: number | null;
                        /** @description Visible ratings */
                        count: number;
                        /** @description Visible ratings by number of stars */
                        distribution: {
                            1: number;
                            2: number;
                            3: number;
                            4: number;
                            5: number;
                        };
                        items: components["schemas"]["Rating"][];
                        /** @description Cursor of the next page, or null at the end */
                        nextCursor: string | null;
                        userId: number;
                    };
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        checks?: {
                            [key: string]: string;
                        };
                        status: string;
                    };
                };
            };
            /** @description Error */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `nextCursor` */
                cursor?: string;
                /** @description Comma-separated user ids (at most 100) */
                ids?: string;
                interest?: string;
                /** @description Page size (at most 100) */
                limit?: number;
                /** @description Part of the display name */
                name?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["User"][];
                        /** @description Cursor of the next page, or null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    registerUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    avatarUrl?: string | null;
                    bio?: string;
                    displayName: string;
                    /** Format: email */
                    email: string;
                    /** @description Show no distance to others */
                    hideDistance?: boolean;
                    interests?: string[];
                    /** @description Appear in nearby results */
                    isDiscoverable?: boolean;
                    nameCard?: {
                        company?: string | null;
                        jobTitle?: string | null;
                        links?: {
                            label: string;
                            /** Format: uri */
                            url: string;
                        }[];
                    };
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthSession"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflicts with the current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, or invisible to you */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    avatarUrl?: string | null;
                    bio?: string;
                    displayName?: string;
                    /** @description Show no distance to others */
                    hideDistance?: boolean;
                    interests?: string[];
                    /** @description Appear in nearby results */
                    isDiscoverable?: boolean;
                    nameCard?: {
                        company?: string | null;
                        jobTitle?: string | null;
                        links?: {
                            label: string;
                            /** Format: uri */
                            url: string;
                        }[];
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported content type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    nearbyUsers: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `nextCursor` */
                cursor?: string;
                /** @description Search point; give lat and lon together, or neither */
                lat?: number;
                /** @description Page size (at most 100) */
                limit?: number;
                /** @description Search point; give lat and lon together, or neither */
                lon?: number;
                /** @description Metres */
                radius?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description Null when the user hides their distance */
                            distance: {
                                /**
                                 * @example < 1 km
                                 * @example 3–4 km
                                 */
                                label: string;
                                /** @description Null for the last, open-ended bucket */
                                maxMeters: number | null;
                                minMeters: number;
                            } | null;
                            user: components["schemas"]["User"];
                        }[];
                        /** @description Cursor of the next page, or null at the end */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A rule is violated */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    openWebSocket: {
        parameters: {
            query?: {
                cursor?: number;
                ticket?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Switching protocols: the socket is open */
            101: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Bad input (VALIDATION_FAILED, MALFORMED_JSON, INVALID_CURSOR) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not yours */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
