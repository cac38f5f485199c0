package io.streamingcoordinator.security.entity;

import java.security.Principal;
import java.util.Set;

/**
 * Who sent a request and which of the application's roles they hold, as the server identified them
 * when the request arrived: kept for the request's later, asynchronous dispatch, where Payara no
 * longer answers {@code isUserInRole}.
 */
public record Caller(Principal principal, Set<String> roles) {}
