import { createBrowserRouter, Navigate } from 'react-router';
import { ActivitiesPage, ActivityPage, EditActivityPage, NewActivityPage } from '../features/activities';
import { LoginPage, SignupPage } from '../features/auth';
import { CardsPage } from '../features/cards';
import { ChatRoomPage, ChatsPage } from '../features/chat';
import { InboxPage } from '../features/invitations';
import { NearbyPage } from '../features/nearby';
import { MePage, PersonPage } from '../features/people';
import { Layout } from './layout';
import { RequireSignedIn, RequireSignedOut } from './session-guards';

export const createRouter = () =>
  createBrowserRouter([
    {
      element: <Layout />,
      children: [
        {
          element: <RequireSignedOut />,
          children: [
            { path: '/login', element: <LoginPage /> },
            { path: '/signup', element: <SignupPage /> },
          ],
        },
        {
          element: <RequireSignedIn />,
          children: [
            { path: '/', element: <NearbyPage /> },
            { path: '/people/:userId', element: <PersonPage /> },
            { path: '/inbox', element: <InboxPage /> },
            { path: '/chats', element: <ChatsPage /> },
            { path: '/chats/:roomId', element: <ChatRoomPage /> },
            { path: '/me', element: <MePage /> },
            { path: '/meetups', element: <ActivitiesPage /> },
            { path: '/meetups/new', element: <NewActivityPage /> },
            { path: '/meetups/:activityId', element: <ActivityPage /> },
            { path: '/meetups/:activityId/edit', element: <EditActivityPage /> },
            { path: '/cards', element: <CardsPage /> },
          ],
        },
        { path: '*', element: <Navigate to="/" replace /> },
      ],
    },
  ]);
