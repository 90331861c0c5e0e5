package io.callwire.examples.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserDirectoryTest {

    @Test
    void aUsersFileNamesRolesAgentsAndStations(@TempDir Path dir) throws Exception {
        String hash = new PasswordHasher(1_000).hash("pw".toCharArray());
        Path file = dir.resolve("users.txt");
        Files.writeString(file, "# users\n\nanna:agent:agent-01:1001:" + hash + "\nlead:supervisor::2001:" + hash + "\n");
        UserDirectory users = UserDirectory.read(file);
        assertEquals(2, users.all().size());
        User anna = users.authenticate("anna", "pw".toCharArray()).orElseThrow();
        assertEquals(Role.AGENT, anna.role());
        assertEquals("1001", anna.station());
        assertEquals(Role.SUPERVISOR, users.user("lead").orElseThrow().role());
    }

    @Test
    void aMalformedLineIsRefusedWithItsNumber(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.txt");
        Files.writeString(file, "# users\nanna:agent:agent-01:1001:plaintext\n");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> UserDirectory.read(file));
        assertTrue(bad.getMessage().contains("line 2"), bad.getMessage());
        Files.writeString(file, "anna:boss:agent-01:1001:pbkdf2-sha256$1000$a$b\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UserDirectory.read(file)).getMessage()
                .contains("role must be agent or supervisor"));
        Files.writeString(file, "anna:agent::1001:pbkdf2-sha256$1000$a$b\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UserDirectory.read(file)).getMessage()
                .contains("an agent needs an agent id and a station"));
    }
}
