package io.streamingcoordinator.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamingcoordinator.api.entity.Problem;
import io.streamingcoordinator.security.entity.Role;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

  private static final Principal ALICE = () -> "alice";

  TestSecuritySettings settings = new TestSecuritySettings();
  AccessPolicy policy = new AccessPolicy();

  @BeforeEach
  void setUp() {
    policy.settings = settings;
  }

  private Optional<Problem> refusal(Principal caller, Set<String> held, String... roles) {
    return policy.refusal(caller, held::contains, roles);
  }

  @Test
  void aCallerWithOneOfTheRolesOrAdminMayAct() {
    assertTrue(refusal(ALICE, Set.of(Role.PRODUCER), Role.PRODUCER).isEmpty());
    assertTrue(refusal(ALICE, Set.of(Role.READER), Role.READER, Role.PRODUCER).isEmpty());
    assertTrue(refusal(ALICE, Set.of(Role.ADMIN), Role.PRODUCER).isEmpty());
  }

  @Test
  void theAnonymousGet401AndTheWrongRole403NamingTheRolesNeeded() {
    Problem anonymous = refusal(null, Set.of(), Role.PRODUCER).orElseThrow();
    assertEquals(401, anonymous.status());
    assertTrue(anonymous.detail().contains("producer or admin"), anonymous.detail());
    Problem reader = refusal(ALICE, Set.of(Role.READER), Role.PRODUCER).orElseThrow();
    assertEquals(403, reader.status());
    assertTrue(reader.detail().contains("producer or admin"), reader.detail());
    assertEquals(403, refusal(ALICE, Set.of("guest"), Role.ADMIN).orElseThrow().status());
    // roles without a principal are not an identity
    assertEquals(401, refusal(null, Set.of(Role.ADMIN), Role.ADMIN).orElseThrow().status());
  }

  @Test
  void withSecurityOffEveryoneMayDoEverything() {
    settings.enabled = false;
    assertTrue(refusal(null, Set.of(), Role.ADMIN).isEmpty());
    assertTrue(refusal(ALICE, Set.of("guest"), Role.PRODUCER).isEmpty());
  }
}
