package org.forewarn.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/** {@code docs/domain.md} lists exactly the commands and events the code has, each once. */
class DomainDocumentationTest {

    private static final Path PAGE = Path.of("..", "docs", "domain.md");
    private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\| .+ \\|$", Pattern.MULTILINE);

    @Test
    void everyCommandAndEventHasItsLineAndEveryLineItsCommandOrEvent() throws IOException {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                                                     .importPackages("org.forewarn.domain");
        Set<String> inCode = new TreeSet<>();
        for (JavaClass c : classes) {
            if (c.getPackageName().endsWith(".api") && c.isRecord() && (isCommand(c) || isEvent(c))) {
                inCode.add(c.getSimpleName());
            }
        }
        String page = Files.readString(PAGE);
        Set<String> documented = new TreeSet<>();
        Matcher row = ROW.matcher(page);
        while (row.find()) {
            assertThat(documented.add(row.group(1))).as("%s is listed once", row.group(1)).isTrue();
        }

        assertThat(inCode).as("commands and events of the code").hasSizeGreaterThan(50);
        assertThat(documented).as("lines of docs/domain.md").isEqualTo(inCode);
    }

    private static boolean isCommand(JavaClass c) {
        return c.getAllFields().stream().anyMatch(f -> f.isAnnotatedWith(TargetAggregateIdentifier.class))
                || c.getConstructors().stream().anyMatch(k -> k.getParameters().stream()
                        .anyMatch(p -> p.isAnnotatedWith(TargetAggregateIdentifier.class)));
    }

    /** Every event carries a revision; those of persons and suspects are personal data as well. */
    private static boolean isEvent(JavaClass c) {
        return c.isAssignableTo(PersonalData.class) || c.isAnnotatedWith(Revision.class);
    }
}
