package io.streamingcoordinator.client;

import java.net.URI;

/** Where a created task lives: its API URL and its stream URL. */
public record TaskRef(String app, String model, long id, URI url, URI streamUrl) {}
