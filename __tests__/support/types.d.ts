// The cdktf jest matchers (toHaveResourceWithProperties …), installed by Testing.setupJest().
import 'cdktf/lib/testing/adapters/jest';
