/** The task types of the original project's tests and demos, addressed as {@code tests/{Model}}. */
@TaskApp("tests")
package io.streamingcoordinator.task.examples;

import io.streamingcoordinator.task.entity.TaskApp;
